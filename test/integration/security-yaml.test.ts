// Issue 12 over HTTP against the built server: hostile YAML from any signed-in reader must not
// crash, stall or pollute the suite.server. Each request is refused with its code (or answered), the
// server keeps answering, Prisma-backed reads keep working, and nothing is stored.
import { describe, expect, it } from "vitest";
import { useHttpSuite } from "../support/http-suite";

const suite = useHttpSuite({ viewer: "viewer@acme.example", cto: "cto@acme.example" });
const { as } = suite;

/** The server is up and its Prisma-backed reads (and their zod parsing) work. */
async function expectServerHealthy() {
  expect(suite.server.alive(), suite.server.log()).toBe(true);
  const me = await as.viewer.get("/api/me");
  expect(me.status).toBe(200);
  expect(me.json.user.email).toBe("viewer@acme.example");
  const manifests = await as.viewer.get("/api/manifests");
  expect(manifests.status, manifests.text).toBe(200);
  expect(manifests.json.map((m: { name: string }) => m.name)).toContain("acme-enterprise");
  const product = await as.viewer.get("/api/products/customer-360");
  expect(product.status, product.text).toBe(200);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

const ENTERPRISE_HEAD = "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: acme-enterprise\n  version: 1.0.0\n  owner: cto@acme.example\nscope: enterprise\n";

describe("deeply nested YAML (process-killing before)", () => {
  it.each([10_000, 50_000])("refuses %i levels of block sequences with 400 and keeps answering", async (levels) => {
    const res = await as.viewer.post("/api/validate", { kind: "manifest", yaml: "- ".repeat(levels) + "x\n" });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe("BAD_REQUEST");
    expect(res.json.error.message).toMatch(/YAML refused at line 1, column \d+: nesting deeper than 64 levels is refused/);
    await expectServerHealthy();
  });

  it("refuses deep indented mappings and flow inside block the same way", async () => {
    const indented = Array.from({ length: 500 }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " x\n";
    const mixed = "a:\n" + "  - - ".repeat(1) + "- ".repeat(40) + "[".repeat(40) + "]".repeat(40) + "\n";
    for (const yaml of [indented, mixed]) {
      const res = await as.viewer.post("/api/validate", { kind: "product", yaml });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.message).toMatch(/nesting deeper than 64 levels/);
    }
    await expectServerHealthy();
  });

  it("does not store a deep draft: 400, the draft unchanged", async () => {
    const before = (await as.cto.get("/api/manifests/acme-enterprise")).json.draft;
    const res = await as.cto.put("/api/manifests/acme-enterprise/draft", { yaml: ENTERPRISE_HEAD + "x:\n" + "  - ".repeat(1) + "- ".repeat(10_000) + "y\n", baseRevision: before.revision });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe("BAD_REQUEST");
    const after = (await as.cto.get("/api/manifests/acme-enterprise")).json.draft;
    expect(after).toEqual(before);
    await expectServerHealthy();
  });
});

describe("20,000 distinct keys (stalled the server ~10 s per request before)", () => {
  const manyKeys = ENTERPRISE_HEAD + Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i % 10}`).join("\n") + "\n";

  it("is answered, and a duplicate among them is found at its line", async () => {
    expect(manyKeys.length).toBeGreaterThan(150_000);
    const ok = await as.viewer.post("/api/validate", { kind: "manifest", yaml: manyKeys });
    expect(ok.status, ok.text.slice(0, 500)).toBe(200);
    expect(ok.json.violations.filter((v: { code: string }) => v.code === "YAML_SYNTAX")).toEqual([]);
    const dup = await as.viewer.post("/api/validate", { kind: "manifest", yaml: manyKeys + "k7: again\n" });
    expect(dup.status).toBe(200);
    expect(dup.json.violations).toEqual([expect.objectContaining({ code: "YAML_SYNTAX", message: "duplicate key: map keys must be unique", line: 20_008, column: 1 })]);
    await expectServerHealthy();
  });

  it("saved as a draft, later reads of the manifest are answered", async () => {
    const { revision } = (await as.cto.get("/api/manifests/acme-enterprise")).json.draft;
    const saved = await as.cto.put("/api/manifests/acme-enterprise/draft", { yaml: manyKeys + "k7: again\n", baseRevision: revision });
    expect(saved.status, saved.text.slice(0, 500)).toBe(200);
    for (let i = 0; i < 3; i++) {
      // The draft's editor sees it with its violation; a reader gets the published version.
      const read = await as.cto.get("/api/manifests/acme-enterprise");
      expect(read.status).toBe(200);
      expect(read.json.draftViolations[0]).toMatchObject({ code: "YAML_SYNTAX", line: 20_008 });
      const asReader = await as.viewer.get("/api/manifests/acme-enterprise");
      expect([asReader.status, asReader.json.draftExists]).toEqual([200, true]);
    }
    await expectServerHealthy();
  });
});

describe("prototype-polluting keys (broke every Prisma query until restart before)", () => {
  it.each([
    ['"__proto__.x": {polluted: true}', 1, 1],
    ["constructor.prototype.polluted: true", 1, 1],
    ["governance:\n  pii_encryption: required\n  'a.__proto__.polluted': true", 3, 3],
  ])("refuses %j with 400 at its line and column; reads keep working", async (body, line, column) => {
    for (const kind of ["manifest", "product"]) {
      const res = await as.viewer.post("/api/validate", { kind, yaml: ENTERPRISE_HEAD + body + "\n" });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.code).toBe("BAD_REQUEST");
      expect(res.json.error.message).toContain(`YAML refused at line ${7 + line}, column ${column}:`);
      expect(res.json.error.message).toMatch(/could alter object prototypes/);
    }
    await expectServerHealthy();
  });

  it("does not store one as a draft or a registration request", async () => {
    const before = (await as.cto.get("/api/manifests/acme-enterprise")).json.draft;
    const draft = await as.cto.put("/api/manifests/acme-enterprise/draft", { yaml: ENTERPRISE_HEAD + '"__proto__.polluted": true\n', baseRevision: before.revision });
    expect(draft.status).toBe(400);
    expect((await as.cto.get("/api/manifests/acme-enterprise")).json.draft).toEqual(before);
    const floeYaml = (await as.viewer.get("/api/products/customer-360")).json.floeYaml as string;
    const request = await as.cto.post("/api/requests", { name: "polluter", team: "growth-analytics", description: "x", domain: "sales", floeYaml: floeYaml.replace("name: customer-360", "name: polluter") + "constructor.prototype.polluted: true\n" });
    expect(request.status, request.text).toBe(400);
    expect((await as.viewer.get("/api/products/polluter")).status).toBe(404);
    await expectServerHealthy();
  });
});

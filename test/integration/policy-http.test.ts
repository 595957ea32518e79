import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuild, startHttpServer, type HttpClient, type HttpServer } from "../support/http-server";

// Issue 11 over real HTTP against the built console (`next start`, seeded demo organisation): a domain can no
// longer erase enterprise policy with an empty mapping, nor weaken a value floe fills in by default.

let server: HttpServer;
beforeAll(async () => {
  ensureBuild();
  server = await startHttpServer();
}, 600_000);
afterAll(() => server?.stop());

const salesManifest = async (c: HttpClient) => (await c.get("/api/manifests/sales")).json;
/** The sales domain's draft with its `governance:` block replaced. */
const withGovernance = (yaml: string, block: string) => {
  const next = yaml.replace(/^governance:.*\n(?:(?:  .*|\s*#.*|)\n)*/m, `${block}\n`);
  expect(next).not.toBe(yaml);
  return next;
};

describe("domain policy over HTTP", () => {
  it("a domain publishing governance: {} keeps the enterprise's security policy for its products", async () => {
    const owner = await server.signIn("sales-owner@acme.example");
    const m = await salesManifest(owner);
    const saved = await owner.put("/api/manifests/sales/draft", { yaml: withGovernance(m.draft.yaml, "governance: {}"), baseRevision: m.draft.revision });
    expect(saved.status).toBe(200);
    const published = await owner.post("/api/manifests/sales/publish", { baseRevision: saved.json.revision, message: "empty governance" });
    expect(published.status).toBe(201);

    const product = await owner.get("/api/products/customer-360");
    expect(product.status).toBe(200);
    // Before the fix the resolved governance was {} (exit 0, no violation).
    expect(product.json.resolution.resolved.governance).toMatchObject({ pii_encryption: "required", audit_logging: "enabled", policy_enforcement_level: "strict", data_retention_days: 30 });
    expect(product.json.resolution.provenance["governance.pii_encryption"]).toMatchObject({ tier: "enterprise", locked: true });
    expect(product.json.resolution.violations.filter((v: { severity: string }) => v.severity === "error")).toEqual([]);
  });

  it("refuses to publish a domain that weakens a value floe fills in (block_on_failure), stores nothing, and keeps answering", async () => {
    const owner = await server.signIn("sales-owner@acme.example");
    const m = await salesManifest(owner);
    // The enterprise's quality_gates says nothing of block_on_failure: floe reads its default, true.
    const weakened = withGovernance(m.draft.yaml, "governance:\n  quality_gates: {minimum_test_coverage: 70, require_descriptions: true, block_on_failure: false}");
    const saved = await owner.put("/api/manifests/sales/draft", { yaml: weakened, baseRevision: m.draft.revision });
    expect(saved.status).toBe(200);
    const refused = await owner.post("/api/manifests/sales/publish", { baseRevision: saved.json.revision, message: "weaker gates" });
    expect([refused.status, refused.json?.error?.code]).toEqual([422, "VALIDATION_FAILED"]);
    expect(JSON.stringify(refused.json)).toMatch(/POLICY_WEAKENED/);

    const after = await salesManifest(owner);
    expect(after.versions.map((v: { version: string }) => v.version)).toEqual(m.versions.map((v: { version: string }) => v.version));
    expect(after.draftViolations.map((v: { code: string; path: string }) => [v.code, v.path])).toContainEqual(["POLICY_WEAKENED", "governance.quality_gates.block_on_failure"]);
    expect((await server.anonymous.get("/api/me")).status).toBeLessThan(500);
    expect(server.alive()).toBe(true);
  });
});

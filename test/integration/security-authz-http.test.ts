// Issue 12 regression suite, authorisation part, over real HTTP against the built server (`next start`
// on its own seeded data directory): escapes from the caller's memberships, approvals not bound to
// what was reviewed, and drafts shown to readers. Each case asserts the exact refusal (status and
// error code), that the stored state is unchanged, and that the server still answers.
import { describe, expect, it } from "vitest";
import { refusalChecker, useHttpSuite } from "../support/http-suite";
import { ANALYST, CTO, FINANCE_OWNER, MARKETING_OWNER, SALES_OWNER, VIEWER } from "./services-setup";

const suite = useHttpSuite({ viewer: VIEWER, analyst: ANALYST, sales: SALES_OWNER, marketing: MARKETING_OWNER, finance: FINANCE_OWNER, cto: CTO });
const { as } = suite;

/** Everything a refused mutation could have changed. */
const refused = refusalChecker(
  suite,
  async () => [
    await suite.db.product.findMany({ orderBy: { id: "asc" } }),
    await suite.db.registrationRequest.findMany({ orderBy: { id: "asc" } }),
    await suite.db.manifest.findMany({ orderBy: { id: "asc" }, select: { id: true, draftYaml: true, draftRevision: true } }),
    await suite.db.manifestVersion.count(),
    await suite.db.auditEvent.count(),
  ],
  () => as.viewer,
);

const floeOf = async (name: string) => (await suite.db.product.findFirstOrThrow({ where: { name } })).floeYaml;
const request = (name: string, team: string, domain = "finance", description = "regression") => ({ name, team, description, domain });
/** A floe.yaml for a new product, from a seeded approved one. */
const newFloe = async (name: string) => (await floeOf("cash-forecast")).replaceAll("cash-forecast", name);

describe("escapes", () => {
  it("the viewer cannot file a registration request, for its own team name or any other (was 201)", async () => {
    for (const team of ["readers", "growth-analytics"]) {
      const name = `viewer-filed-${team}`;
      await refused(async () => as.viewer.post("/api/requests", { ...request(name, team), floeYaml: await newFloe(name) }), 403, "FORBIDDEN");
    }
  });

  it("team must be one of the caller's teams: another team, a Cyrillic look-alike and a right-to-left override are refused (were 201)", async () => {
    const floeYaml = await newFloe("team-escape");
    await refused(() => as.analyst.post("/api/requests", { ...request("team-escape", "treasury"), floeYaml }), 403, "FORBIDDEN");
    await refused(() => as.analyst.post("/api/requests", { ...request("team-escape", "gr\u043ewth-analytics"), floeYaml }), 400, "BAD_REQUEST");
    await refused(() => as.analyst.post("/api/requests", { ...request("team-escape", "growth-analytics\u202e"), floeYaml }), 400, "BAD_REQUEST");
    await refused(() => as.analyst.post("/api/requests", { ...request("team-escape", "cafe\u0301"), floeYaml }), 400, "BAD_REQUEST");
    // The caller's own team is accepted.
    expect((await as.analyst.post("/api/requests", { ...request("team-escape", "growth-analytics"), floeYaml })).status).toBe(201);
  });

  it("a product-team member cannot edit another team's pending floe.yaml, even one it filed (was 200)", async () => {
    const product = await suite.db.product.findFirstOrThrow({ where: { name: "churn-signals" } }); // team customer-success, filed by the analyst
    await refused(() => as.analyst.put("/api/products/churn-signals/floe", { yaml: `${product.floeYaml}# mine\n`, baseRevision: product.revision }), 403, "FORBIDDEN");
  });

  it("a product-team member cannot take over another team's rejected product by re-submitting it (was 201)", async () => {
    const pending = await suite.db.registrationRequest.findFirstOrThrow({ where: { product: { name: "web-sessions" }, status: "pending" } });
    expect((await as.marketing.post(`/api/requests/${pending.id}/reject`, { reason: "duplicates campaign-analytics" })).status).toBe(200);
    const floeYaml = await floeOf("web-sessions");
    await refused(() => as.analyst.post("/api/requests", { ...request("web-sessions", "growth-analytics", "marketing"), floeYaml }), 403, "PRODUCT_OF_OTHER_TEAM");
    await refused(() => as.analyst.post("/api/requests", { ...request("web-sessions", "web-analytics", "marketing"), floeYaml }), 403, "FORBIDDEN");
    expect(await suite.db.product.findFirstOrThrow({ where: { name: "web-sessions" } })).toMatchObject({ team: "web-analytics", status: "rejected" });
  });

  it("a domain owner cannot list another domain's product in its approved_products: a violation at line and column, publish refused (was 201)", async () => {
    const original = (await as.sales.get("/api/manifests/sales")).json.draft as { yaml: string; revision: number };
    const yaml = original.yaml.replace("approved_products:\n", "approved_products:\n  - attribution\n");
    expect(yaml).not.toBe(original.yaml);
    const saved = await as.sales.put("/api/manifests/sales/draft", { yaml, baseRevision: original.revision });
    expect(saved.status).toBe(200);
    const line = yaml.split("\n").indexOf("  - attribution") + 1;
    expect(saved.json.violations).toContainEqual(expect.objectContaining({ code: "PRODUCT_NOT_IN_DOMAIN", path: "approved_products.0", line, column: 5 }));
    const publish = await refused(() => as.sales.post("/api/manifests/sales/publish", { baseRevision: saved.json.revision, message: "take attribution" }), 422, "VALIDATION_FAILED");
    expect(publish.json.violations.map((v: { code: string }) => v.code)).toContain("PRODUCT_NOT_IN_DOMAIN");
    expect((await as.sales.put("/api/manifests/sales/draft", { yaml: original.yaml, baseRevision: saved.json.revision })).status).toBe(200);
  });
});

describe("approval bound to what was reviewed", () => {
  it("approving a floe.yaml edited after the owner looked at it answers 409 with the current state (was 200)", async () => {
    const name = "bound-review";
    expect((await as.analyst.post("/api/requests", { ...request(name, "growth-analytics"), floeYaml: await newFloe(name) })).status).toBe(201);
    const queue = (await as.finance.get("/api/requests?domain=finance&status=pending")).json.items as { id: string; product: { name: string; revision: number } }[];
    const reviewed = queue.find((r) => r.product.name === name)!;
    const edited = `${await floeOf(name)}# edited after review\n`;
    expect((await as.analyst.put(`/api/products/${name}/floe`, { yaml: edited, baseRevision: reviewed.product.revision })).status).toBe(200);

    const stale = await refused(() => as.finance.post(`/api/requests/${reviewed.id}/approve`, { revision: reviewed.product.revision }), 409, "STALE_REVISION");
    expect(stale.json.current).toMatchObject({ revision: reviewed.product.revision + 1, status: "pending", floeYaml: edited });
    await refused(() => as.finance.post(`/api/requests/${reviewed.id}/approve`, {}), 400, "BAD_REQUEST");
    // Approving what is there now works.
    expect((await as.finance.post(`/api/requests/${reviewed.id}/approve`, { revision: reviewed.product.revision + 1 })).status).toBe(200);
    expect(await suite.db.product.findFirstOrThrow({ where: { name } })).toMatchObject({ status: "approved" });
  });

  it("concurrent re-submissions of one product make exactly one pending request", async () => {
    const name = "twin-requests";
    const floeYaml = await newFloe(name);
    const first = await as.analyst.post("/api/requests", { ...request(name, "growth-analytics"), floeYaml });
    expect((await as.analyst.post(`/api/requests/${first.json.id}/withdraw`)).status).toBe(200);
    const answers = await Promise.all(Array.from({ length: 10 }, () => as.analyst.post("/api/requests", { ...request(name, "growth-analytics"), floeYaml })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect([a.status, a.json.error.code]).toEqual([409, "CONFLICT"]);
    expect(await suite.db.registrationRequest.count({ where: { product: { name }, status: "pending" } })).toBe(1);
  });
});

describe("drafts visible only to those who may edit or review them", () => {
  it("a reader gets the published manifest and that a draft exists, never the draft or its impact (draft was served to everyone)", async () => {
    const draft = (await as.finance.get("/api/manifests/finance")).json.draft as { yaml: string; revision: number };
    const secretEdit = `${draft.yaml.trimEnd()}\n# draft-only note: moving to snowflake next quarter\n`;
    const saved = await as.finance.put("/api/manifests/finance/draft", { yaml: secretEdit, baseRevision: draft.revision });
    expect(saved.status).toBe(200);
    for (const reader of [as.viewer, as.analyst, as.sales]) {
      const seen = await reader.get("/api/manifests/finance");
      expect(seen.status).toBe(200);
      expect(seen.json).toMatchObject({ draft: null, draftExists: true, draftViolations: [] });
      expect(seen.text).not.toContain("draft-only note");
      await refused(() => reader.get("/api/manifests/finance/impact"), 403, "FORBIDDEN");
    }
    expect((await as.finance.get("/api/manifests/finance")).json.draft.yaml).toContain("draft-only note");
    expect((await as.finance.put("/api/manifests/finance/draft", { yaml: draft.yaml, baseRevision: saved.json.revision })).status).toBe(200);
  });

  it("a pending floe.yaml goes to its team and the domain's owner only; others get that it exists", async () => {
    const name = "pending-secret";
    const floeYaml = `${await newFloe(name)}# pending-only note\n`;
    expect((await as.analyst.post("/api/requests", { ...request(name, "growth-analytics"), floeYaml })).status).toBe(201);
    for (const reader of [as.viewer, as.sales]) {
      const seen = await reader.get(`/api/products/${name}`);
      expect(seen.status).toBe(200);
      expect(seen.json).toMatchObject({ floeYaml: null, resolution: null, draftExists: true, canEdit: false });
      expect(seen.text).not.toContain("pending-only note");
    }
    for (const reviewer of [as.analyst, as.finance]) expect((await reviewer.get(`/api/products/${name}`)).json.floeYaml).toContain("pending-only note");
    // An approved product's floe.yaml is published configuration: everyone reads it.
    expect((await as.viewer.get("/api/products/cash-forecast")).json.floeYaml).toContain("cash-forecast");
  });
});

// The HTTP API through its real route handlers (Request in, Response out) with real better-auth
// sessions: status codes, error codes, CSRF, size caps, hostile input; stored data stays unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as audit from "../../app/api/audit/route";
import * as manifest from "../../app/api/manifests/[name]/route";
import * as draft from "../../app/api/manifests/[name]/draft/route";
import * as impact from "../../app/api/manifests/[name]/impact/route";
import * as publish from "../../app/api/manifests/[name]/publish/route";
import * as version from "../../app/api/manifests/[name]/versions/[version]/route";
import * as manifests from "../../app/api/manifests/route";
import * as me from "../../app/api/me/route";
import * as product from "../../app/api/products/[name]/route";
import * as products from "../../app/api/products/route";
import * as approve from "../../app/api/requests/[id]/approve/route";
import * as reject from "../../app/api/requests/[id]/reject/route";
import * as requests from "../../app/api/requests/route";
import * as search from "../../app/api/search/route";
import * as validate from "../../app/api/validate/route";
import * as raw from "../../app/r/[...path]/route";
import { verifyAuditChain } from "../../server/audit/verify";
import { getDb } from "../../server/db/client";
import { ANALYST, CTO, SALES_OWNER, seededRoutes } from "./services-setup";

const BASE = "http://console.test";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

let app: Awaited<ReturnType<typeof seededRoutes>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await seededRoutes(BASE, [CTO, SALES_OWNER, ANALYST]);
  Object.assign(cookies, app.cookies);
});
afterAll(() => app.close());

interface Call {
  as?: string | null;
  params?: Record<string, string | string[]>;
  body?: unknown;
  /** A raw body string instead of JSON. */
  raw?: string;
  origin?: string | null;
  query?: string;
}

async function call(handler: Handler, method: string, path: string, c: Call = {}) {
  const headers = new Headers();
  if (c.as) headers.set("cookie", cookies[c.as]);
  if (c.origin !== null && method !== "GET") headers.set("origin", c.origin ?? BASE);
  headers.set("host", new URL(BASE).host);
  if (c.body !== undefined || c.raw !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`${BASE}${path}${c.query ?? ""}`, { method, headers, body: c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body)) });
  const res = await handler(req, { params: Promise.resolve(c.params ?? {}) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* text/yaml */
  }
  return { status: res.status, json, text, type: res.headers.get("content-type") };
}

const salesDraft = () => call(manifest.GET, "GET", "/api/manifests/sales", { as: SALES_OWNER, params: { name: "sales" } });
const stored = async () => JSON.stringify([await getDb().manifestVersion.findMany({ orderBy: { id: "asc" } }), await getDb().product.findMany({ orderBy: { id: "asc" } })]);

describe("reads", () => {
  it("refuses signed-out callers with 401", async () => {
    const res = await call(manifests.GET, "GET", "/api/manifests");
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
  });

  it("answers /api/me, the manifest list and a manifest with its versions", async () => {
    expect((await call(me.GET, "GET", "/api/me", { as: CTO })).json.memberships).toEqual([{ role: "platform_admin", domainId: null, team: null }]);
    const list = (await call(manifests.GET, "GET", "/api/manifests", { as: ANALYST })).json;
    expect(list.map((m: { name: string }) => m.name)).toEqual(["acme-enterprise", "finance", "marketing", "sales"]);
    // Each manifest's health comes with the list (one request, not one per domain), as its detail has it.
    for (const m of list as { name: string; errors: number | null; behind: unknown }[]) {
      const detail = (await call(manifest.GET, "GET", `/api/manifests/${m.name}`, { as: ANALYST, params: { name: m.name } })).json;
      expect(m.errors, m.name).toBe(detail.resolution.violations.filter((v: { severity: string }) => v.severity === "error").length);
      expect(m.behind, m.name).toEqual(detail.behind);
    }
    const sales = (await salesDraft()).json;
    expect(sales).toMatchObject({ manifest: { name: "sales", tier: "domain", parentName: "acme-enterprise" }, canEdit: true, behind: null });
    expect(sales.versions[0]).toMatchObject({ version: "1.0.0", ref: "oci://registry.acme.example/floe/sales:1.0.0" });
    expect(sales.resolution.provenance["governance.pii_encryption"]).toMatchObject({ tier: "enterprise" });
  });

  it("serves a product's resolved configuration with provenance", async () => {
    const res = await call(product.GET, "GET", "/api/products/customer-360", { as: ANALYST, params: { name: "customer-360" } });
    expect(res.status).toBe(200);
    expect(res.json.resolution.mode).toBe("three-tier");
    expect(res.json.resolution.provenance["plugins.compute.type"]).toMatchObject({ tier: "domain" });
    expect(res.json.resolution.violations.filter((v: { severity: string }) => v.severity === "error")).toEqual([]);
    expect((await call(product.GET, "GET", "/api/products/nope", { as: ANALYST, params: { name: "nope" } })).status).toBe(404);
  });

  it("serves published YAML at a URL derived from its oci:// reference", async () => {
    const res = await call(raw.GET, "GET", "/r/registry.acme.example/floe/sales/1.0.0.yaml", { as: ANALYST, params: { path: ["registry.acme.example", "floe", "sales", "1.0.0.yaml"] } });
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/yaml/);
    expect(res.text).toContain("name: sales");
    expect((await call(raw.GET, "GET", "/r/x/y/9.9.9.yaml", { as: ANALYST, params: { path: ["x", "y", "9.9.9.yaml"] } })).status).toBe(404);
  });

  it("searches and lists audit events", async () => {
    const hits = (await call(search.GET, "GET", "/api/search", { as: ANALYST, query: "?q=sales" })).json;
    expect(hits.map((h: { type: string; name: string }) => `${h.type}:${h.name}`)).toContain("domain:sales");
    const page = (await call(audit.GET, "GET", "/api/audit", { as: ANALYST, query: "?limit=2" })).json;
    expect(page.events).toHaveLength(2);
    expect(page.nextCursor).toBe(page.events[1].seq);
    expect((await call(audit.GET, "GET", "/api/audit", { as: ANALYST, query: "?limit=nope" })).status).toBe(400);
  });
});

describe("bad input changes nothing", () => {
  const put = (body: unknown, c: Call = {}) => call(draft.PUT, "PUT", "/api/manifests/sales/draft", { as: SALES_OWNER, params: { name: "sales" }, body, ...c });

  it("answers every bad request with a clear 4xx and stores nothing", async () => {
    const before = await stored();
    const { revision, yaml } = (await salesDraft()).json.draft;
    const cases: [Call & { body?: unknown }, number, string][] = [
      [{ raw: "{not json" }, 400, "BAD_JSON"],
      [{ body: { yaml, baseRevision: revision, extra: 1 } }, 400, "BAD_REQUEST"],
      [{ body: { yaml, baseRevision: String(revision) } }, 400, "BAD_REQUEST"],
      [{ body: { yaml: 42, baseRevision: revision } }, 400, "BAD_REQUEST"],
      [{ body: [] }, 400, "BAD_REQUEST"],
      [{ raw: JSON.stringify({ yaml: "x".repeat(300 * 1024), baseRevision: revision }) }, 413, "PAYLOAD_TOO_LARGE"],
      [{ body: { yaml, baseRevision: revision }, origin: "http://evil.example" }, 403, "CSRF"],
      [{ body: { yaml, baseRevision: revision }, origin: null }, 403, "CSRF"],
      [{ body: { yaml, baseRevision: revision }, as: ANALYST }, 403, "FORBIDDEN"],
      [{ body: { yaml, baseRevision: revision }, as: null }, 401, "UNAUTHENTICATED"],
      [{ body: { yaml, baseRevision: revision + 5 } }, 409, "STALE_REVISION"],
    ];
    for (const [c, status, code] of cases) {
      const res = await put(c.body, c);
      expect([status, res.json?.error?.code], JSON.stringify(c).slice(0, 120)).toEqual([status, code]);
      expect(JSON.stringify(res.json)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
    }
    const stale = await put({ yaml, baseRevision: revision + 5 });
    expect(stale.json.current).toEqual({ yaml, revision });
    expect(await stored()).toBe(before);
    expect((await salesDraft()).json.draft.revision).toBe(revision);
  });

  it("keeps malformed and hostile YAML as a draft with violations, and refuses to publish it (422)", async () => {
    const before = await stored();
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${"bcdefghij"[i]}: &${"bcdefghij"[i]} [${Array(9).fill(`*${i === 0 ? "a" : "abcdefghij"[i]}`).join(",")}]`)].join("\n");
    const binary = await put({ yaml: "scope: domain\u0000\u0001", baseRevision: (await salesDraft()).json.draft.revision });
    expect([binary.status, binary.json.error.code]).toEqual([400, "BAD_REQUEST"]);
    for (const hostile of ["scope: [domain", bomb, "!!js/function 'function(){}'"]) {
      const { revision } = (await salesDraft()).json.draft;
      const saved = await put({ yaml: hostile, baseRevision: revision });
      expect(saved.status).toBe(200);
      expect(saved.json.violations.some((v: { severity: string }) => v.severity === "error")).toBe(true);
      const res = await call(publish.POST, "POST", "/api/manifests/sales/publish", { as: SALES_OWNER, params: { name: "sales" }, body: { baseRevision: saved.json.revision, message: "try" } });
      expect([res.status, res.json.error.code]).toEqual([422, "VALIDATION_FAILED"]);
      expect(res.json.violations.length).toBeGreaterThan(0);
    }
    const validated = await call(validate.POST, "POST", "/api/validate", { as: ANALYST, body: { kind: "product", yaml: "metadata: [" } });
    expect(validated.json.violations[0].code).toBe("YAML_SYNTAX");
    expect(await stored()).toBe(before);
  });

  it("validates a domain's own approved products as registered for it (the editor's live check)", async () => {
    // The published sales manifest (the draft here holds an earlier test's hostile text).
    const latest = (await salesDraft()).json.versions.at(-1).version;
    const { yaml } = (await call(version.GET, "GET", `/api/manifests/sales/versions/${latest}`, { as: SALES_OWNER, params: { name: "sales", version: latest } })).json;
    const res = await call(validate.POST, "POST", "/api/validate", { as: SALES_OWNER, body: { kind: "manifest", name: "sales", yaml } });
    expect(res.status).toBe(200);
    expect(res.json.violations.filter((v: { severity: string }) => v.severity === "error")).toEqual([]);
    // A product of another domain is still refused.
    const foreign = await call(validate.POST, "POST", "/api/validate", { as: SALES_OWNER, body: { kind: "manifest", name: "sales", yaml: yaml.replace(/approved_products:\n/, "approved_products:\n  - funnel-metrics\n") } });
    expect(foreign.json.violations.map((v: { code: string }) => v.code)).toContain("PRODUCT_NOT_IN_DOMAIN");
  });
});

describe("mutations", () => {
  it("publishes (201), previews impact and needs confirmation (428) for a breaking enterprise change", async () => {
    const ent = (await call(manifest.GET, "GET", "/api/manifests/acme-enterprise", { as: CTO, params: { name: "acme-enterprise" } })).json.draft;
    const params = { name: "acme-enterprise" };
    const saved = await call(draft.PUT, "PUT", "/api/manifests/acme-enterprise/draft", { as: CTO, params, body: { yaml: ent.yaml.replace("compute: [duckdb, snowflake]", "compute: [duckdb]"), baseRevision: ent.revision } });
    expect(saved.status).toBe(200);
    const preview = (await call(impact.GET, "GET", "/api/manifests/acme-enterprise/impact", { as: CTO, params })).json;
    expect(preview.broken.map((e: { name: string }) => e.name)).toContain("sales");
    // A summary and first pages; further pages follow the cursor to exactly the rest, in the same order.
    const changedTotal = preview.summary.changed.domains + preview.summary.changed.products;
    expect(preview.summary.broken.domains).toBe(preview.broken.filter((e: { kind: string }) => e.kind === "domain").length);
    const walked: string[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const page = await call(impact.GET, "GET", "/api/manifests/acme-enterprise/impact", { as: CTO, params, query: `?group=changed&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}` });
      expect(page.status).toBe(200);
      walked.push(...page.json.items.map((e: { kind: string; key: string }) => `${e.kind}:${e.key}`));
      cursor = page.json.nextCursor;
    }
    expect(walked.length).toBe(changedTotal);
    expect(walked.slice(0, preview.changed.length)).toEqual(preview.changed.map((e: { kind: string; key: string }) => `${e.kind}:${e.key}`));
    const marks = (await call(impact.GET, "GET", "/api/manifests/acme-enterprise/impact", { as: CTO, params, query: "?view=marks" })).json.marks;
    expect(marks.domains.broken).toContain("sales");
    const badCursor = await call(impact.GET, "GET", "/api/manifests/acme-enterprise/impact", { as: CTO, params, query: "?group=changed&cursor=not-a-cursor" });
    expect([badCursor.status, badCursor.json.error.code]).toEqual([400, "BAD_REQUEST"]);
    const refused = await call(publish.POST, "POST", "/api/manifests/acme-enterprise/publish", { as: CTO, params, body: { baseRevision: saved.json.revision, message: "narrow" } });
    expect([refused.status, refused.json.error.code]).toEqual([428, "CONFIRMATION_REQUIRED"]);
    expect(refused.json.impact.broken.length).toBeGreaterThan(0);
    const ok = await call(publish.POST, "POST", "/api/manifests/acme-enterprise/publish", { as: CTO, params, body: { baseRevision: saved.json.revision, message: "narrow", confirmBreaking: true } });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ version: "1.1.0", ref: "oci://registry.acme.example/floe/acme-enterprise:1.1.0" });
    const v = await call(version.GET, "GET", "/api/manifests/acme-enterprise/versions/1.1.0", { as: ANALYST, params: { name: "acme-enterprise", version: "1.1.0" } });
    expect(v.json).toMatchObject({ version: "1.1.0", confirmedBreaking: true, digest: ok.json.digest });
    expect((await salesDraft()).json.behind).toEqual({ buildsOn: "1.0.0", latest: "1.1.0" });
    // The list carries the same health: sales (snowflake, no longer approved) broken, every domain behind.
    const list = (await call(manifests.GET, "GET", "/api/manifests", { as: ANALYST })).json as { name: string; errors: number | null; behind: unknown }[];
    const sales = list.find((m) => m.name === "sales")!;
    expect(sales.errors).toBeGreaterThan(0);
    expect(sales.behind).toEqual({ buildsOn: "1.0.0", latest: "1.1.0" });
    expect(list.find((m) => m.name === "acme-enterprise")).toMatchObject({ errors: 0, behind: null });
  });

  it("submits (201) and refuses a reason-less rejection (400) and decisions by non-owners (403)", async () => {
    const salesFloe = (await getDb().product.findFirstOrThrow({ where: { name: "churn-signals" } })).floeYaml.replace("name: churn-signals", "name: api-product");
    // A floe.yaml written for sales is refused as a request into marketing (it was accepted, and approval rewrote its reference).
    const wrongDomain = await call(requests.POST, "POST", "/api/requests", { as: ANALYST, body: { name: "api-product", team: "growth-analytics", description: "via API", domain: "marketing", floeYaml: salesFloe } });
    expect([wrongDomain.status, wrongDomain.json.error.code, wrongDomain.json.violations?.[0]?.code]).toEqual([422, "VALIDATION_FAILED", "PRODUCT_NOT_IN_DOMAIN"]);
    const floeYaml = salesFloe.replace("/floe/sales:", "/floe/marketing:");
    const sub = await call(requests.POST, "POST", "/api/requests", { as: ANALYST, body: { name: "api-product", team: "growth-analytics", description: "via API", domain: "marketing", floeYaml } });
    expect(sub.status).toBe(201);
    const params = { id: sub.json.id };
    expect((await call(reject.POST, "POST", "/x", { as: SALES_OWNER, params, body: {} })).status).toBe(400);
    expect((await call(approve.POST, "POST", "/x", { as: SALES_OWNER, params, body: { revision: 0 } })).json.error.code).toBe("FORBIDDEN");
    const pending = (await call(requests.GET, "GET", "/api/requests", { as: ANALYST, query: "?mine=1&status=pending" })).json;
    expect(pending.items.map((r: { product: { name: string; floeYaml?: string } }) => r.product.name)).toContain("api-product");
    expect(pending.items.every((r: { product: object }) => !("floeYaml" in r.product))).toBe(true);
    expect((await call(reject.POST, "POST", "/x", { as: CTO, params, body: { reason: "no" } })).status).toBe(403);
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: true });
  });
  it("lists products and requests a page at a time, without floe.yaml, with a maximum page size", async () => {
    const all = (await call(products.GET, "GET", "/api/products", { as: ANALYST })).json;
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThan(3);
    expect(all.items.every((p: object) => !("floeYaml" in p))).toBe(true);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (await call(products.GET, "GET", "/api/products", { as: ANALYST, query: `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}` })).json;
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((p: { name: string }) => p.name));
    const tooMany = await call(products.GET, "GET", "/api/products", { as: ANALYST, query: "?limit=5001" });
    expect([tooMany.status, tooMany.json.error.code]).toEqual([400, "BAD_REQUEST"]);

    const allRequests = (await call(requests.GET, "GET", "/api/requests", { as: ANALYST })).json.items.map((r: { id: string }) => r.id);
    const pagedRequests: string[] = [];
    cursor = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await call(requests.GET, "GET", "/api/requests", { as: ANALYST, query: `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}` })).json;
      pagedRequests.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pagedRequests).toEqual(allRequests);
    expect((await call(requests.GET, "GET", "/api/requests", { as: ANALYST, query: "?cursor=garbage" })).status).toBe(400);
  });
});

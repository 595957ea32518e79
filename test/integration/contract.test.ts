// The response contract over the real route handlers: every route answers what its schema
// (lib/contract/responses.ts) describes, for every persona, reads and writes alike; and a route
// that answers something undescribed is a 500 RESPONSE_CONTRACT here (tests run as development).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { API_ROUTES, type RouteModule } from "../../server/http/api-routes";
import { created, route, type RouteHandler } from "../../server/http/route";
import { sessionCookie } from "../support/sign-in";
import { ANALYST, CTO, SALES_OWNER, VIEWER, seededRoutes } from "./services-setup";

const BASE = "http://console.test";
let app: Awaited<ReturnType<typeof seededRoutes>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await seededRoutes(BASE, [CTO, SALES_OWNER, ANALYST, VIEWER]);
  Object.assign(cookies, app.cookies);
});
afterAll(() => app.close());

type Method = "GET" | "POST" | "PUT";
interface Call {
  as: string | null;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  raw?: { bytes: Uint8Array; type: string };
}

function handlerOf(path: string, method: Method): RouteHandler {
  const handler = (API_ROUTES[path] as RouteModule | undefined)?.[method];
  if (!handler) throw new Error(`no ${method} ${path}`);
  return handler;
}

/** Calls a route by its OpenAPI path; checks the answer against the route's declared schema. */
async function call(method: Method, path: string, c: Call) {
  const handler = handlerOf(path, method);
  const url = `${BASE}${path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(c.params?.[k] ?? ""))}${c.query ?? ""}`;
  const headers = new Headers({ host: new URL(BASE).host });
  if (c.as) headers.set("cookie", cookies[c.as]);
  if (method !== "GET") headers.set("origin", BASE);
  if (c.body !== undefined) headers.set("content-type", "application/json");
  if (c.raw) headers.set("content-type", c.raw.type);
  const body = c.raw ? Buffer.from(c.raw.bytes) : c.body === undefined ? undefined : JSON.stringify(c.body);
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(c.params ?? {}) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get("content-type") ?? "";
  const json = type.startsWith("application/json") ? (JSON.parse(Buffer.from(bytes).toString("utf8")) as unknown) : undefined;
  const { contract } = handler;
  if (res.status === 200 || res.status === 201) {
    const schema = contract.raw ? contract.raw.schema : contract.responses[res.status];
    if (contract.raw) expect(type, `${method} ${path}`).toContain(contract.raw.contentType);
    // The wrapper checked it already; checking again here keeps this test honest about what was sent.
    if (schema) expect(schema.safeParse(json).error, `${method} ${path}`).toBeUndefined();
  }
  return { status: res.status, json: json as any, bytes };
}

describe("the wrapper's contract check", () => {
  const Thing = z.strictObject({ a: z.int() });
  const plain = (result: unknown, extra: Partial<Parameters<typeof route>[0]> = {}) =>
    route({ summary: "test", auth: false, response: Thing, ...extra }, async () => result)(new Request(`${BASE}/api/x`));

  it("sends a described answer as it is", async () => {
    const res = await plain({ a: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ a: 1 });
  });

  it("refuses (500 RESPONSE_CONTRACT) an undescribed field, a wrong type, an undeclared status and a raw Response", async () => {
    const errorSpy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const [result, extra] of [
        [{ a: 1, secret: "x" }, {}],
        [{ a: "1" }, {}],
        [created({ a: 1 }), {}],
        [new Response("hi"), {}],
      ] as const) {
        const res = await plain(result, extra);
        expect(res.status).toBe(500);
        expect((await res.json()).error.code).toBe("RESPONSE_CONTRACT");
      }
      expect(errorSpy).toHaveBeenCalledTimes(4);
      expect(String(errorSpy.mock.calls[0][0])).toContain("response contract: GET /api/x");
    } finally {
      errorSpy.mockRestore();
    }
  });

  it("sends a route that declares no answer yet unchecked (openapi.test lists such routes, and that list only shrinks)", async () => {
    const res = await plain({ a: 1, extra: true }, { response: undefined });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ a: 1, extra: true });
  });

  it("in production, sends the answer as the handler made it, unchecked", async () => {
    vi.stubEnv("NODE_ENV", "production");
    try {
      const res = await plain({ a: 1, extra: true });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ a: 1, extra: true });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("every route answers what its schema describes", () => {
  it("reads, for every persona", async () => {
    for (const as of [CTO, SALES_OWNER, ANALYST, VIEWER]) {
      const ok = async (path: string, c: Omit<Call, "as"> = {}) => {
        const res = await call("GET", path, { as, ...c });
        expect(res.status, `GET ${path} as ${as}: ${JSON.stringify(res.json)}`).toBe(200);
        return res.json;
      };
      await ok("/api/me");
      const manifests = await ok("/api/manifests");
      for (const m of manifests as { name: string; latestVersion: string | null }[]) {
        await ok("/api/manifests/{name}", { params: { name: m.name } });
        if (m.latestVersion) await ok("/api/manifests/{name}/versions/{version}", { params: { name: m.name, version: m.latestVersion } });
      }
      const products = await ok("/api/products", { query: "?limit=5" });
      expect(products.nextCursor).not.toBeNull();
      for (const name of ["customer-360", "churn-signals", "attribution"]) await ok("/api/products/{name}", { params: { name } });
      await ok("/api/requests");
      await ok("/api/requests", { query: "?mine=1&status=pending" });
      await ok("/api/audit", { query: "?limit=20" });
      await ok("/api/search", { query: "?q=a" });
      await ok("/api/registry");
      await ok("/api/tree");
      await ok("/api/openapi.json");
    }
    // Liveness answers everyone, signed in or not.
    for (const as of [CTO, null]) expect((await call("GET", "/api/health", { as })).json).toEqual({ ok: true });
    await call("GET", "/api/manifests/{name}/impact", { as: CTO, params: { name: "acme-enterprise" } }).then((r) => expect(r.status).toBe(200));
    await call("GET", "/api/export", { as: CTO }).then((r) => expect(r.status).toBe(200));
  });

  it("writes: drafts, validation, publishing, rollback, requests and their decisions, removal, import report, registry push", async () => {
    const expectStatus = (res: { status: number; json: unknown }, status: number) => expect(res.status, JSON.stringify(res.json)).toBe(status);
    const sales = (await call("GET", "/api/manifests/{name}", { as: SALES_OWNER, params: { name: "sales" } })).json;
    const yaml = `${sales.draft.yaml}\n# edited\n`;
    expectStatus(await call("PUT", "/api/manifests/{name}/draft", { as: SALES_OWNER, params: { name: "sales" }, body: { yaml, baseRevision: sales.draft.revision } }), 200);
    expectStatus(await call("POST", "/api/validate", { as: SALES_OWNER, body: { kind: "manifest", yaml, name: "sales" } }), 200);
    expectStatus(await call("POST", "/api/manifests/{name}/publish", { as: SALES_OWNER, params: { name: "sales" }, body: { baseRevision: sales.draft.revision + 1, message: "comment" } }), 201);
    expectStatus(await call("POST", "/api/manifests/{name}/rollback", { as: SALES_OWNER, params: { name: "sales" }, body: { version: "1.0.0", message: "back" } }), 201);

    const requests = (await call("GET", "/api/requests", { as: SALES_OWNER, query: "?status=pending&domain=sales" })).json.items as { id: string; product: { revision: number } }[];
    expectStatus(await call("POST", "/api/requests/{id}/approve", { as: SALES_OWNER, params: { id: requests[0].id }, body: { revision: requests[0].product.revision } }), 200);
    const others = (await call("GET", "/api/requests", { as: SALES_OWNER, query: "?status=pending" })).json.items as { id: string; domain: string }[];
    const marketing = others.find((r) => r.domain === "marketing")!;
    const owner = "marketing-owner@acme.example";
    cookies[owner] = await sessionCookie(owner, BASE);
    expectStatus(await call("POST", "/api/requests/{id}/reject", { as: owner, params: { id: marketing.id }, body: { reason: "not yet" } }), 200);

    const attribution = (await call("GET", "/api/products/{name}", { as: ANALYST, params: { name: "attribution" } })).json;
    expect(attribution.canRemove).toBe(false);
    const floe = attribution.floeYaml.replace("name: attribution", "name: attribution-v2");
    const filed = await call("POST", "/api/requests", { as: ANALYST, body: { name: "attribution-v2", team: "growth-analytics", description: "d", domain: "marketing", floeYaml: floe } });
    expectStatus(filed, 201);
    const v2 = (await call("GET", "/api/products/{name}", { as: ANALYST, params: { name: "attribution-v2" } })).json;
    expectStatus(await call("PUT", "/api/products/{name}/floe", { as: ANALYST, params: { name: "attribution-v2" }, body: { yaml: `${floe}\n`, baseRevision: v2.revision } }), 200);
    expectStatus(await call("POST", "/api/requests/{id}/withdraw", { as: ANALYST, params: { id: filed.json.id }, body: {} }), 200);

    expect((await call("GET", "/api/products/{name}", { as: SALES_OWNER, params: { name: "customer-360" } })).json.canRemove).toBe(true);
    expectStatus(await call("POST", "/api/products/{name}/remove", { as: SALES_OWNER, params: { name: "customer-360" }, body: { reason: "retired" } }), 200);

    // The import's report; its 201 (an import of newer versions) is met by import-export-api.test.ts, under the same check.
    const archive = await call("GET", "/api/export", { as: CTO });
    expectStatus(await call("POST", "/api/import", { as: CTO, query: "?name=acme.tar.gz", raw: { bytes: archive.bytes, type: "application/gzip" } }), 200);
    expectStatus(await call("POST", "/api/registry/push", { as: CTO, body: {} }), 200);
  });
});

// The response contract over the real route handlers: every route answers what its schema
// (lib/contract/responses.ts) describes, for every persona, reads and writes alike; and a route
// that answers something undescribed is a 500 RESPONSE_CONTRACT here (tests run as development).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { API_ROUTES, type RouteModule } from "../../server/http/api-routes";
import { getDb } from "../../server/db/client";
import { created, route, type RouteHandler } from "../../server/http/route";
import { drainOutbox } from "../../server/notify/outbox";
import { serverToday } from "../../server/services/org-evaluation";
import { ANALYST, CTO, MARKETING_OWNER, SALES_OWNER, VIEWER, seededRoutes } from "./services-setup";

const BASE = "http://console.test";
let app: Awaited<ReturnType<typeof seededRoutes>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  app = await seededRoutes(BASE, [CTO, SALES_OWNER, ANALYST, VIEWER, MARKETING_OWNER]);
  Object.assign(cookies, app.cookies);
});
afterAll(() => app.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
interface Call {
  as: string | null;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  raw?: { bytes: Uint8Array; type: string };
}

/** `METHOD PATH STATUS` of every answer met, so the last test can tell which declared answers were never checked. */
const answered = new Set<string>();

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
  answered.add(`${method} ${path} ${res.status}`);
  if (res.status === 200 || res.status === 201) {
    const schema = contract.raw ? contract.raw.schema : contract.responses[res.status];
    if (contract.raw) expect(type, `${method} ${path}`).toContain(contract.raw.contentType);
    // The wrapper checked it already; checking again here keeps this test honest about what was sent.
    if (schema) expect(schema.safeParse(json).error, `${method} ${path}`).toBeUndefined();
  }
  return { status: res.status, json: json as any, bytes };
}

const expectStatus = (res: { status: number; json: unknown }, status: number) => expect(res.status, JSON.stringify(res.json)).toBe(status);

describe("the wrapper's contract check", () => {
  const Thing = z.strictObject({ a: z.int() });
  const plain = (result: unknown) => route({ summary: "test", auth: false, response: Thing }, async () => result)(new Request(`${BASE}/api/x`));

  it("sends a described answer as it is", async () => {
    const res = await plain({ a: 1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ a: 1 });
  });

  it("refuses (500 RESPONSE_CONTRACT) an undescribed field, a wrong type, an undeclared status and a raw Response", async () => {
    const errorSpy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const result of [{ a: 1, secret: "x" }, { a: "1" }, created({ a: 1 }), new Response("hi")]) {
        const res = await plain(result);
        expect(res.status).toBe(500);
        expect((await res.json()).error.code).toBe("RESPONSE_CONTRACT");
      }
      expect(errorSpy).toHaveBeenCalledTimes(4);
      expect(String(errorSpy.mock.calls[0][0])).toContain("response contract: GET /api/x");
    } finally {
      errorSpy.mockRestore();
    }
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
    const sales = (await call("GET", "/api/manifests/{name}", { as: SALES_OWNER, params: { name: "sales" } })).json;
    const yaml = `${sales.draft.yaml}\n# edited\n`;
    expectStatus(await call("PUT", "/api/manifests/{name}/draft", { as: SALES_OWNER, params: { name: "sales" }, body: { yaml, baseRevision: sales.draft.revision } }), 200);
    expectStatus(await call("POST", "/api/validate", { as: SALES_OWNER, body: { kind: "manifest", yaml, name: "sales" } }), 200);
    expectStatus(await call("POST", "/api/manifests/{name}/publish", { as: SALES_OWNER, params: { name: "sales" }, body: { baseRevision: sales.draft.revision + 1, message: "comment" } }), 201);
    expectStatus(await call("GET", "/api/manifests/{name}/rollback", { as: SALES_OWNER, params: { name: "sales" }, query: "?version=1.0.0" }), 200);
    expectStatus(await call("POST", "/api/manifests/{name}/rollback", { as: SALES_OWNER, params: { name: "sales" }, body: { version: "1.0.0", message: "back" } }), 201);

    const requests = (await call("GET", "/api/requests", { as: SALES_OWNER, query: "?status=pending&domain=sales" })).json.items as { id: string; product: { revision: number } }[];
    expectStatus(await call("POST", "/api/requests/{id}/approve", { as: SALES_OWNER, params: { id: requests[0].id }, body: { revision: requests[0].product.revision } }), 200);
    const others = (await call("GET", "/api/requests", { as: SALES_OWNER, query: "?status=pending" })).json.items as { id: string; domain: string }[];
    const marketing = others.find((r) => r.domain === "marketing")!;
    const owner = MARKETING_OWNER;
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

  it("reviews: review rules, change requests and their decisions, draft discard, whitelist requests", async () => {
    for (const as of [CTO, SALES_OWNER, ANALYST, VIEWER]) expectStatus(await call("GET", "/api/review-rules", { as }), 200);
    expectStatus(await call("PUT", "/api/review-rules", { as: CTO, body: { tier: "domain", rule: "domain_owner_or_admin" } }), 200);

    /** The sales owner edits the sales draft (a comment: nothing breaks) and submits it. */
    const submit = async (title: string) => {
      const m = (await call("GET", "/api/manifests/{name}", { as: SALES_OWNER, params: { name: "sales" } })).json;
      const saved = await call("PUT", "/api/manifests/{name}/draft", { as: SALES_OWNER, params: { name: "sales" }, body: { yaml: `${m.draft.yaml}# ${title}\n`, baseRevision: m.draft.revision } });
      expectStatus(saved, 200);
      const submitted = await call("POST", "/api/changes", { as: SALES_OWNER, body: { name: "sales", baseRevision: saved.json.revision, title, description: "contract" } });
      expectStatus(submitted, 201);
      return submitted.json as { id: string; revision: number };
    };
    const first = await submit("first");
    expectStatus(await call("POST", "/api/changes/{id}/comments", { as: CTO, params: { id: first.id }, body: { body: "Why?", line: 1 } }), 201);
    expectStatus(await call("POST", "/api/changes/{id}/request-changes", { as: CTO, params: { id: first.id }, body: { reason: "say why" } }), 200);
    // Who may read a change: its editors and reviewers; the analyst and the viewer are refused.
    const readers = await Promise.all([CTO, SALES_OWNER, ANALYST, VIEWER].map((as) => call("GET", "/api/changes/{id}", { as, params: { id: first.id } })));
    expect(readers.map((r) => r.status)).toEqual([200, 200, 403, 403]);
    expect(readers[0].json).toMatchObject({ status: "changes_requested", comments: [{ body: "Why?", line: 1 }] });
    expectStatus(await call("POST", "/api/changes/{id}/approve", { as: CTO, params: { id: first.id }, body: { revision: first.revision } }), 409); // changes were requested: not open
    expectStatus(await call("POST", "/api/changes/{id}/withdraw", { as: SALES_OWNER, params: { id: first.id } }), 200);

    const second = await submit("second");
    expectStatus(await call("POST", "/api/changes/{id}/approve", { as: CTO, params: { id: second.id }, body: { revision: second.revision } }), 201);
    const third = await submit("third");
    expectStatus(await call("POST", "/api/changes/{id}/reject", { as: CTO, params: { id: third.id }, body: { reason: "not now" } }), 200);
    const sales = (await call("GET", "/api/manifests/{name}", { as: SALES_OWNER, params: { name: "sales" } })).json;
    expectStatus(await call("POST", "/api/manifests/{name}/draft/discard", { as: SALES_OWNER, params: { name: "sales" }, body: { baseRevision: sales.draft.revision } }), 200);
    // A change left open: read again below, once the tree has moved on (its impact is recomputed).
    const open = await submit("open");
    for (const as of [CTO, SALES_OWNER, ANALYST, VIEWER]) {
      for (const status of ["active", "closed", "all"]) expectStatus(await call("GET", "/api/changes", { as, query: `?status=${status}` }), 200);
      expectStatus(await call("GET", "/api/changes", { as, query: "?manifest=sales&status=all" }), 200);
    }

    const ask = async (category: string, plugin: string) => {
      const res = await call("POST", "/api/whitelist-requests", { as: SALES_OWNER, body: { domain: "sales", category, plugin, reason: "contract" } });
      expectStatus(res, 201);
      return res.json.id as string;
    };
    const trino = await ask("compute", "trino");
    const hive = await ask("catalog", "hive");
    const accepted = await call("POST", "/api/whitelist-requests/{id}/accept", { as: CTO, params: { id: trino }, body: { message: "ok" } });
    expectStatus(accepted, 201);
    expectStatus(await call("POST", "/api/whitelist-requests/{id}/decline", { as: CTO, params: { id: hive }, body: { reason: "end of life" } }), 200);
    for (const as of [CTO, SALES_OWNER, ANALYST, VIEWER]) expectStatus(await call("GET", "/api/whitelist-requests", { as }), 200);
    // The enterprise change the acceptance opened: its author (the CTO) withdraws it, so the enterprise can move on below.
    expectStatus(await call("POST", "/api/changes/{id}/withdraw", { as: CTO, params: { id: accepted.json.changeId } }), 200);

    // Another publish moved the tree on: the open change's impact is recomputed.
    expectStatus(await call("PUT", "/api/review-rules", { as: CTO, body: { tier: "domain", rule: "none" } }), 200);
    const marketing = (await call("GET", "/api/manifests/{name}", { as: MARKETING_OWNER, params: { name: "marketing" } })).json;
    const edited = await call("PUT", "/api/manifests/{name}/draft", { as: MARKETING_OWNER, params: { name: "marketing" }, body: { yaml: `${marketing.draft.yaml}# moved on\n`, baseRevision: marketing.draft.revision } });
    expectStatus(await call("POST", "/api/manifests/{name}/publish", { as: MARKETING_OWNER, params: { name: "marketing" }, body: { baseRevision: edited.json.revision, message: "moved on" } }), 201);
    const now = await call("GET", "/api/changes/{id}", { as: SALES_OWNER, params: { id: open.id } });
    expectStatus(now, 200);
    expect(now.json.impactNow).not.toBeNull();
  });

  it("exceptions, notifications and webhooks", async () => {
    // A webhook endpoint that answers 500: its deliveries are logged and retried.
    const receiver = createServer((_, res) => res.writeHead(500).end("no"));
    await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
    try {
      const hook = await call("POST", "/api/webhooks", { as: CTO, body: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` } });
      expectStatus(hook, 201);
      expect(hook.json.secret).toMatch(/^[0-9a-f]{64}$/);

      const inDays = (n: number) => new Date(Date.parse(`${serverToday()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      const request = async (days: number) => {
        const res = await call("POST", "/api/exceptions", { as: MARKETING_OWNER, body: { domain: "marketing", policyType: "coverage", reason: "legacy models", expires: inDays(days) } });
        expectStatus(res, 201);
        return res.json.id as string;
      };
      const ended = await request(30);
      expectStatus(await call("POST", "/api/exceptions/{id}/grant", { as: CTO, params: { id: ended } }), 200);
      expectStatus(await call("POST", "/api/exceptions/{id}/end", { as: CTO, params: { id: ended } }), 200);
      expectStatus(await call("POST", "/api/exceptions/{id}/grant", { as: CTO, params: { id: await request(3) } }), 200);
      expectStatus(await call("POST", "/api/exceptions/{id}/refuse", { as: CTO, params: { id: await request(10) }, body: { reason: "no" } }), 200);
      expectStatus(await call("POST", "/api/exceptions/{id}/withdraw", { as: MARKETING_OWNER, params: { id: await request(10) } }), 200);
      for (const as of [CTO, SALES_OWNER, ANALYST, VIEWER]) expectStatus(await call("GET", "/api/exceptions", { as }), 200);

      for (const as of [CTO, SALES_OWNER, ANALYST, VIEWER, MARKETING_OWNER]) {
        expectStatus(await call("GET", "/api/notifications", { as }), 200);
        expectStatus(await call("GET", "/api/notifications/preferences", { as }), 200);
      }
      const inbox = (await call("GET", "/api/notifications", { as: MARKETING_OWNER })).json;
      expect(inbox.expiring.length, "the 3-day exception is about to expire").toBeGreaterThan(0);
      expect(inbox.items.length).toBeGreaterThan(0);
      expectStatus(await call("POST", "/api/notifications/read", { as: MARKETING_OWNER, body: { ids: [inbox.items[0].id] } }), 200);
      expectStatus(await call("POST", "/api/notifications/read", { as: MARKETING_OWNER, body: { all: true } }), 200);
      expectStatus(await call("PUT", "/api/notifications/preferences", { as: VIEWER, body: { preferences: [{ kind: "breakage", inApp: true, email: false }] } }), 200);

      expect(await drainOutbox(getDb())).toBe(0);
      const hooks = await call("GET", "/api/webhooks", { as: CTO });
      expectStatus(hooks, 200);
      expect(hooks.json.deliveries.length).toBeGreaterThan(0);
      expect(hooks.json.deliveries[0]).toMatchObject({ status: 500, error: "HTTP 500", outcome: "pending" });
      // The list never carries the signing secret: the answer that added the endpoint did, once.
      expect(JSON.stringify(hooks.json)).not.toContain(hook.json.secret);
      expectStatus(await call("GET", "/api/webhooks", { as: VIEWER }), 403);
      expectStatus(await call("DELETE", "/api/webhooks/{id}", { as: CTO, params: { id: hook.json.id } }), 200);
      expectStatus(await call("DELETE", "/api/webhooks/{id}", { as: CTO, params: { id: hook.json.id } }), 404);
    } finally {
      await new Promise((done) => receiver.close(done));
    }
  });

  it("tier migration: a 2-tier platform, imported from a server folder, previewed and migrated", async () => {
    vi.stubEnv("MESH_IMPORT_ROOT", resolve(__dirname, "../../examples/migration"));
    try {
      const report = await call("POST", "/api/import", { as: CTO, body: { folder: "phase1" } });
      expectStatus(report, 200);
      expectStatus(await call("POST", "/api/import", { as: CTO, query: `?confirm=${report.json.fingerprint}`, body: { folder: "phase1" } }), 201);
    } finally {
      vi.unstubAllEnvs();
    }
    expectStatus(await call("POST", "/api/migrations/tiers/preview", { as: VIEWER, body: { platform: "platform" } }), 403);
    const preview = await call("POST", "/api/migrations/tiers/preview", { as: CTO, body: { platform: "platform" } });
    expectStatus(preview, 200);
    expect(preview.json).toMatchObject({ valid: true, enterprise: { name: "acme-enterprise", created: false, yaml: null } });
    expectStatus(await call("POST", "/api/migrations/tiers/apply", { as: CTO, body: { platform: "platform" } }), 200);
  });

  it("git sync: an incoming commit fetched, listed per persona, and adopted as the draft", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "mesh-contract-git-"));
    const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=Other", "-c", "user.email=other@acme.example", ...args], { cwd, encoding: "utf8" }).trim();
    try {
      const remote = join(tmp, "remote.git");
      execFileSync("git", ["init", "-q", "--bare", "-b", "main", remote]);
      vi.stubEnv("MESH_GIT_REMOTE", remote);
      vi.stubEnv("MESH_GIT_WORKDIR", join(tmp, "work"));
      expectStatus(await call("POST", "/api/git/sync", { as: VIEWER, body: {} }), 403);
      // Someone else pushes a sales version the console never published.
      const sales = (await call("GET", "/api/manifests/{name}", { as: SALES_OWNER, params: { name: "sales" } })).json;
      const other = join(tmp, "other");
      const dir = join(other, "registry/registry.acme.example/floe/sales");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "9.0.0.yaml"), sales.draft.yaml.replace(/^(\s*)version: .*$/m, "$1version: 9.0.0"));
      git(tmp, "init", "-q", "-b", "main", other);
      git(other, "add", "-A");
      git(other, "commit", "-qm", "sales 9.0.0");
      git(other, "push", "-q", remote, "main");

      const synced = await call("POST", "/api/git/sync", { as: CTO, body: {} });
      expectStatus(synced, 200);
      expect(synced.json).toMatchObject({ fetched: true, head: git(remote, "rev-parse", "main") });
      for (const as of [CTO, SALES_OWNER, ANALYST, VIEWER]) expectStatus(await call("GET", "/api/git", { as }), 200);
      const status = (await call("GET", "/api/git", { as: SALES_OWNER })).json;
      const key = "oci://registry.acme.example/floe/sales:9.0.0";
      expect(status.manifests.find((m: { name: string }) => m.name === "sales").incoming).toEqual([expect.objectContaining({ key, kind: "new" })]);
      expectStatus(await call("POST", "/api/git/adopt", { as: SALES_OWNER, body: { name: "sales", key, baseRevision: sales.draft.revision } }), 200);
    } finally {
      vi.unstubAllEnvs();
      rmSync(tmp, { recursive: true, force: true });
    }
    // Not configured: the one-field answer.
    expect((await call("GET", "/api/git", { as: VIEWER })).json).toEqual({ configured: false });
  });

  it("met every answer a route declares: each 200 and 201 schema was checked against a real answer above", () => {
    const declared = Object.entries(API_ROUTES).flatMap(([path, module]) =>
      (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).flatMap((method) => {
        const responses = module[method]?.contract.responses ?? {};
        return [...(responses[200] ? [`${method} ${path} 200`] : []), ...(responses[201] ? [`${method} ${path} 201`] : [])];
      }),
    );
    expect(declared.length).toBeGreaterThan(50);
    expect(declared.filter((d) => !answered.has(d))).toEqual([]);
  });
});

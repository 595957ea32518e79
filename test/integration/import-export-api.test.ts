// The import/export/registry HTTP routes, called in-process with real sessions: signed in through
// better-auth against a fresh database (the process-wide getDb() points at it via DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArchive } from "../../lib/node/archive";
import { createDb, type Db } from "../../server/db/client";
import { seedUsers, DEMO_PASSWORD } from "../../server/seed/seed-users";
import { exportArchive, exportOrg } from "../../server/services/export-org";
import { freshDatabase, type FreshDatabase } from "./fresh-database";
import { CTO, seededOrg, VIEWER, type SeededOrg } from "./services-setup";

const BASE = "http://127.0.0.1:3999";
const saved = { DATABASE_URL: process.env.DATABASE_URL, BETTER_AUTH_URL: process.env.BETTER_AUTH_URL, MESH_REGISTRY_URL: process.env.MESH_REGISTRY_URL, MESH_IMPORT_ROOT: process.env.MESH_IMPORT_ROOT };

let source: SeededOrg;
let fresh: FreshDatabase;
let db: Db;
let archive: Uint8Array;
let routes: {
  importPost: (req: Request) => Promise<Response>;
  exportGet: (req: Request) => Promise<Response>;
  registryGet: (req: Request) => Promise<Response>;
};

async function cookieFor(email: string): Promise<string> {
  const { getAuth } = await import("../../server/auth/auth");
  const res = await getAuth().api.signInEmail({ body: { email, password: DEMO_PASSWORD }, asResponse: true });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

const post = (path: string, cookie: string, body: Uint8Array | string, contentType = "application/gzip", origin: string | null = BASE) =>
  new Request(`${BASE}${path}`, { method: "POST", body: typeof body === "string" ? body : Buffer.from(body), headers: { cookie, "content-type": contentType, ...(origin ? { origin } : {}) } });

beforeAll(async () => {
  source = await seededOrg();
  const exported = await exportOrg(source.db, await source.actor(VIEWER));
  archive = await exportArchive(exported.files, exported.slug);
  fresh = await freshDatabase();
  db = createDb(fresh.url);
  await seedUsers(db); // the demo users only: an empty console to import into
  Object.assign(process.env, { DATABASE_URL: fresh.url, BETTER_AUTH_URL: BASE, MESH_IMPORT_ROOT: `${process.cwd()}/examples` });
  delete process.env.MESH_REGISTRY_URL;
  routes = {
    importPost: (await import("../../app/api/import/route")).POST,
    exportGet: (await import("../../app/api/export/route")).GET,
    registryGet: (await import("../../app/api/registry/route")).GET,
  };
});
afterAll(async () => {
  const { getDb } = await import("../../server/db/client");
  await getDb().$disconnect();
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  await db?.$disconnect();
  await fresh?.drop();
  await source?.close();
});

describe("import/export API", () => {
  it("reports, then imports on confirmation, and exports the same files back", async () => {
    const cto = await cookieFor(CTO);
    const reportRes = await routes.importPost(post("/api/import?name=acme.tar.gz", cto, archive));
    expect(reportRes.status).toBe(200);
    const report = await reportRes.json();
    expect(report).toMatchObject({ registry: { host: "registry.acme.example", prefix: "floe" }, skipped: [], blockers: [] });
    expect(report.manifests[0]).not.toHaveProperty("yaml");
    expect(await db.manifestVersion.count()).toBe(0);

    const importRes = await routes.importPost(post(`/api/import?name=acme.tar.gz&confirm=${report.fingerprint}`, cto, archive));
    expect(importRes.status).toBe(201);
    expect(await importRes.json()).toMatchObject({ manifests: 4, versions: 4, registry: [] });

    const exportRes = await routes.exportGet(new Request(`${BASE}/api/export`, { headers: { cookie: await cookieFor(VIEWER) } }));
    expect(exportRes.status).toBe(200);
    expect(exportRes.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.tar\.gz"/);
    const strip = (files: { path: string; bytes: Uint8Array }[]) => files.map((f) => [f.path.slice(f.path.indexOf("/") + 1), Buffer.from(f.bytes).toString("utf8")]);
    expect(strip((await readArchive(new Uint8Array(await exportRes.arrayBuffer()))).files)).toEqual(strip((await readArchive(archive)).files));
  });

  it("refuses viewers, cross-origin posts, garbage uploads and folders outside the import root", async () => {
    const viewer = await cookieFor(VIEWER);
    expect((await routes.importPost(post("/api/import", viewer, archive))).status).toBe(403);
    const cto = await cookieFor(CTO);
    const csrf = await routes.importPost(post("/api/import", cto, archive, "application/gzip", null));
    expect([csrf.status, (await csrf.json()).error.code]).toEqual([403, "CSRF"]);
    const garbage = await routes.importPost(post("/api/import", cto, "hello"));
    expect([garbage.status, (await garbage.json()).error.message]).toEqual([400, "not a .tar, .tar.gz or .zip archive"]);
    for (const folder of ["/etc", "..", "acme/../..", `${process.cwd()}/lib`]) {
      const res = await routes.importPost(post("/api/import", cto, JSON.stringify({ folder }), "application/json"));
      expect([res.status, (await res.json()).error.code]).toEqual([403, "FOLDER_OUTSIDE_IMPORT_ROOT"]);
    }
    const missing = await routes.importPost(post("/api/import", cto, JSON.stringify({ folder: "nowhere" }), "application/json"));
    expect([missing.status, (await missing.json()).error.code]).toEqual([400, "NOT_A_FOLDER"]);
    expect((await routes.exportGet(new Request(`${BASE}/api/export`))).status).toBe(401);
  });

  it("imports from a server folder and shows the registry as not configured", async () => {
    const cto = await cookieFor(CTO);
    const res = await routes.importPost(post("/api/import", cto, JSON.stringify({ folder: "acme" }), "application/json"));
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.skipped.map((s: { path: string }) => s.path)).toContain("README.md");
    expect(report.manifests).toEqual([]); // already imported by the first test
    expect(await (await routes.registryGet(new Request(`${BASE}/api/registry`, { headers: { cookie: cto } }))).json()).toEqual({ configured: false });
  });
});

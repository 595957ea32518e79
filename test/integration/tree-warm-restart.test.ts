// Warm restart of the tree view through the built server (`next start`), on the suite's database
// (MESH_TEST_DB: the embedded SQLite file, or a fresh PostgreSQL database): the evaluated tree is
// stored in the database (TreeCache) and a restarted server serves the stored tree as long as
// nothing was written since, and a new evaluation once something was. A failed store (the table
// gone) still answers the request.
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createDb, type Db } from "../../server/db/client";
import { freshDatabase, type FreshDatabase } from "./fresh-database";
import { CTO } from "./services-setup";
import { ensureBuild, startHttpServer, type HttpClient, type HttpServer } from "../support/http-server";

const ENTERPRISE = "acme-enterprise";

let fresh: FreshDatabase | undefined;
let server: HttpServer;
let db: Db;

beforeAll(async () => {
  ensureBuild();
  if (inject("meshTestDb") === "postgres") {
    fresh = await freshDatabase();
    server = await startHttpServer({ env: { DATABASE_URL: fresh.url } });
    db = createDb(fresh.url);
  } else {
    server = await startHttpServer();
    db = createDb(`file:${join(server.dataDir, "mesh.db")}`);
  }
}, 600_000);

afterAll(async () => {
  await server?.stop();
  await db?.$disconnect();
  await fresh?.drop();
});

/** The stored tree (decompressed) and its fingerprint, or null. */
async function storedRow(): Promise<{ fingerprint: string; json: string } | null> {
  const row = await db.treeCache.findUnique({ where: { key: "tree" } });
  return row && { fingerprint: row.fingerprint, json: (await promisify(gunzip)(row.json)).toString("utf8") };
}

/** Polls (the store is written after the answer) until the stored tree is `json`. */
async function storedAs(json: string): Promise<{ fingerprint: string; json: string } | null> {
  const end = Date.now() + 20_000;
  let row = await storedRow();
  while (row?.json !== json && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    row = await storedRow();
  }
  return row;
}

async function tree(client: HttpClient): Promise<string> {
  const res = await client.get("/api/tree");
  expect(res.status, res.text).toBe(200);
  return res.text;
}

/** Publishes the enterprise draft with one more comment line; returns the new version's ref. */
async function publishEnterprise(cto: HttpClient, note: string): Promise<string> {
  const { draft } = (await cto.get(`/api/manifests/${ENTERPRISE}`)).json;
  const saved = await cto.put(`/api/manifests/${ENTERPRISE}/draft`, { yaml: `${draft.yaml}# ${note}\n`, baseRevision: draft.revision });
  expect(saved.status, saved.text).toBe(200);
  const published = await cto.post(`/api/manifests/${ENTERPRISE}/publish`, { baseRevision: saved.json.revision, message: note });
  expect(published.status, published.text).toBe(201);
  return published.json.ref;
}

it("serves the stored tree after a restart, and a new one after a write", { timeout: 180_000 }, async () => {
  let cto = await server.signIn(CTO);
  const first = await tree(cto);
  const enterprise = JSON.parse(first).e;
  expect(enterprise.n).toBe(ENTERPRISE);

  // The evaluation is stored for the next start.
  const stored = await storedAs(first);
  expect(stored?.json).toBe(first);

  // Restarted: the same tree.
  await server.restart();
  cto = await server.signIn(CTO);
  expect(await tree(cto)).toBe(first);

  // The stored row is what a restarted server serves (it does not evaluate again): a marked copy
  // under the same fingerprint comes back as it is.
  const marked = JSON.stringify({ ...JSON.parse(first), e: { ...enterprise, n: "marked-in-the-store" } });
  await db.treeCache.update({ where: { key: "tree" }, data: { json: new Uint8Array(await promisify(gzip)(marked)) } });
  await server.restart();
  cto = await server.signIn(CTO);
  expect(await tree(cto)).toBe(marked);

  // A write moves the fingerprint: neither the marked nor the first tree, but the new version.
  const ref = await publishEnterprise(cto, "after the restart");
  const after = await tree(cto);
  expect(after).not.toBe(marked);
  expect(after).not.toBe(first);
  expect(JSON.parse(after).e).toMatchObject({ n: ENTERPRISE, r: ref });
  const restored = await storedAs(after);
  expect(restored?.json).toBe(after);
  expect(restored?.fingerprint).not.toBe(stored?.fingerprint);

  // And that is what the next start serves.
  await server.restart();
  cto = await server.signIn(CTO);
  expect(await tree(cto)).toBe(after);
});

it("answers with the tree when it cannot be stored", { timeout: 120_000 }, async () => {
  const cto = await server.signIn(CTO);
  await db.$executeRawUnsafe(`DROP TABLE "TreeCache"`);
  const ref = await publishEnterprise(cto, "without a tree store");
  const res = await cto.get("/api/tree");
  expect(res.status, res.text).toBe(200);
  expect(JSON.parse(res.text).e).toMatchObject({ n: ENTERPRISE, r: ref });
  const end = Date.now() + 20_000;
  while (!server.log().includes("tree cache: tree not stored") && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  expect(server.log()).toContain("tree cache: stored tree not read");
  expect(server.log()).toContain("tree cache: tree not stored");
  // Still serving.
  expect((await cto.get("/api/tree")).status).toBe(200);
  expect(server.alive()).toBe(true);
});

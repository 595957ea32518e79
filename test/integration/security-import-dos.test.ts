// Regression tests over HTTP against the built console (issue 12: "Import", "Cheap denial of
// service"): each asserts the exact refusal (status + code), that nothing changed, and that the
// server still answers. Always the embedded default (SQLite in its own data directory).
import { request as httpRequest } from "node:http";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTar } from "../../lib/archive/tar";
import { ensureBuild, startHttpServer, type HttpClient, type HttpServer } from "../support/http-server";
import { zipOf } from "../support/zip";
import { CTO, VIEWER } from "./services-setup";

let server: HttpServer;
let cto: HttpClient;
let importRoot: string;

beforeAll(async () => {
  ensureBuild();
  importRoot = await mkdtemp(join(tmpdir(), "mesh-import-root-"));
  await mkdir(join(importRoot, "org"));
  await symlink("/etc", join(importRoot, "etc-link"));
  server = await startHttpServer({ env: { MESH_IMPORT_ROOT: importRoot } });
  cto = await server.signIn(CTO);
}, 600_000);

afterAll(async () => {
  await server?.stop();
  if (importRoot) await rm(importRoot, { recursive: true, force: true });
});

/** The audit chain's head: any write moves it. */
const head = async () => (await cto.get("/api/audit?limit=1")).json.events[0].seq as number;
const stillAnswers = async () => {
  expect(server.alive()).toBe(true);
  expect((await cto.get("/api/me")).status).toBe(200);
};


const tarOf = (files: Record<string, string>) => writeTar(Object.entries(files).map(([path, text]) => ({ path, bytes: new TextEncoder().encode(text) })));

/** POSTs raw bytes (an archive) to /api/import with the CTO's session. */
async function upload(query: string, bytes: Uint8Array, contentType = "application/x-tar"): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.base}/api/import?${query}`, { method: "POST", headers: { cookie: cto.cookie, origin: server.base, "content-type": contentType }, body: Buffer.from(bytes) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/**
 * Streams up to 256 MiB as a chunked body (no Content-Length to check) and stops when the server
 * answers or drops the connection: a server that reads the whole body before checking takes all of it.
 */
function pumpChunked(path: string, contentType: string, cookie = ""): Promise<{ status: number | null; body: string; sent: number }> {
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (status: number | null, body: string) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, body, sent });
    };
    const req = httpRequest(new URL(path, server.base), { method: "POST", headers: { ...(cookie ? { cookie } : {}), origin: server.base, "content-type": contentType, "transfer-encoding": "chunked" } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => finish(res.statusCode ?? null, body));
    });
    req.on("error", () => finish(null, ""));
    const pump = () => {
      while (!done && sent < 256 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe("import", { timeout: 120_000 }, () => {
  it("reads server folders only inside MESH_IMPORT_ROOT, links included (403 FOLDER_OUTSIDE_IMPORT_ROOT)", async () => {
    const before = await head();
    for (const folder of ["/", "/proc", "/etc", "..", "etc-link", `${importRoot}/../..`]) {
      const res = await cto.post("/api/import", { folder });
      expect([folder, res.status, res.json.error.code]).toEqual([folder, 403, "FOLDER_OUTSIDE_IMPORT_ROOT"]);
    }
    const inside = await cto.post("/api/import", { folder: "org" });
    expect([inside.status, inside.json.manifests]).toEqual([200, []]);
    expect(await head()).toBe(before);
    await stillAnswers();
  });

  it("stops a 100 KB zip that inflates past the 64 MiB cap while lying about its size (413 ARCHIVE_TOO_LARGE)", async () => {
    const bomb = zipOf([{ path: "registry/registry.acme.example/floe/bomb/1.0.0.yaml", data: new Uint8Array(65 * 1024 * 1024), declaredSize: 100 }]);
    expect(bomb.length).toBeLessThan(150 * 1024);
    const before = await head();
    const res = await upload("name=bomb.zip", bomb, "application/zip");
    expect([res.status, res.json?.error?.code]).toEqual([413, "ARCHIVE_TOO_LARGE"]);
    expect(await head()).toBe(before);
    await stillAnswers();
  });

  it("counts a chunked upload while it streams and stops it just past the cap (413 PAYLOAD_TOO_LARGE)", async () => {
    const outcome = await pumpChunked("/api/import?name=big.tar", "application/x-tar", cto.cookie);
    expect(outcome.sent).toBeLessThan(128 * 1024 * 1024);
    if (outcome.status !== null) expect([outcome.status, JSON.parse(outcome.body).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    await stillAnswers();
  });

  it("cannot make an older version latest, skip publishing's validation, or break the tree unconfirmed (428)", async () => {
    const enterprise = (await cto.get("/api/manifests/acme-enterprise/versions/1.0.0")).json.yaml as string;
    const at = (version: string) => `org/registry/registry.acme.example/floe/acme-enterprise/${version}.yaml`;
    const before = await head();

    const older = tarOf({ [at("0.9.0")]: enterprise.replace("version: 1.0.0", "version: 0.9.0") });
    const olderReport = await upload("name=older.tar", older);
    expect(olderReport.json.skipped.map((s: { reason: string }) => s.reason)).toEqual(["not-newer"]);
    const olderImport = await upload(`name=older.tar&confirm=${olderReport.json.fingerprint}`, older);
    expect([olderImport.status, olderImport.json.error.code]).toEqual([400, "BAD_REQUEST"]);

    // A domain version outside the enterprise whitelist: publishing refuses it (422), so must import.
    const sales = (await cto.get("/api/manifests/sales/versions/1.0.0")).json.yaml as string;
    const unapproved = tarOf({ "org/registry/registry.acme.example/floe/sales/2.0.0.yaml": sales.replace("version: 1.0.0", "version: 2.0.0").replace("type: snowflake", "type: spark") });
    const unapprovedReport = await upload("name=spark.tar", unapproved);
    expect(unapprovedReport.json.blockers.map((v: { code: string }) => v.code)).toContain("PLUGIN_NOT_APPROVED");
    const refused = await upload(`name=spark.tar&confirm=${unapprovedReport.json.fingerprint}`, unapproved);
    expect([refused.status, refused.json.error.code]).toEqual([422, "VALIDATION_FAILED"]);

    const narrower = tarOf({ [at("2.0.0")]: enterprise.replace("version: 1.0.0", "version: 2.0.0").replace("compute: [duckdb, snowflake]", "compute: [duckdb]") });
    const report = await upload("name=narrower.tar", narrower);
    expect(report.status).toBe(200);
    expect(report.json.impact.broken.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(["sales", "finance"]));
    const unconfirmed = await upload(`name=narrower.tar&confirm=${report.json.fingerprint}`, narrower);
    expect([unconfirmed.status, unconfirmed.json.error.code]).toEqual([428, "CONFIRMATION_REQUIRED"]);
    expect(await head()).toBe(before);
    expect((await cto.get("/api/manifests/acme-enterprise")).json.versions[0].version).toBe("1.0.0");
    expect((await cto.get("/api/manifests/sales")).json.versions[0].version).toBe("1.0.0");

    const confirmed = await upload(`name=narrower.tar&confirm=${report.json.fingerprint}&confirmBreaking=1`, narrower);
    expect(confirmed.status).toBe(201);
    expect((await cto.get("/api/manifests/acme-enterprise")).json.versions[0].version).toBe("2.0.0");
    await stillAnswers();
  });
});

describe("cheap denial of service", { timeout: 60_000 }, () => {
  it("lists products and requests a page at a time (limit ≤ 5000), without any floe.yaml", async () => {
    const viewer = await server.signIn(VIEWER);
    const page = await viewer.get("/api/products?limit=2");
    expect([page.status, page.json.items.length, typeof page.json.nextCursor]).toEqual([200, 2, "string"]);
    const next = await viewer.get(`/api/products?limit=2&cursor=${encodeURIComponent(page.json.nextCursor)}`);
    expect(next.json.items[0].name > page.json.items[1].name).toBe(true);
    const tooMany = await viewer.get("/api/products?limit=100000");
    expect([tooMany.status, tooMany.json.error.code]).toEqual([400, "BAD_REQUEST"]);
    const requests = await viewer.get("/api/requests");
    expect(requests.status).toBe(200);
    expect(requests.text).not.toContain("floeYaml");
    expect(requests.text).not.toContain("apiVersion");
    await stillAnswers();
  });

  it("answers repeated impact previews from one computation per data fingerprint, and a publish moves it", async () => {
    const first = await cto.get("/api/manifests/acme-enterprise/impact");
    const again = await cto.get("/api/manifests/acme-enterprise/impact");
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.json).toEqual(first.json);
    const { draft } = (await cto.get("/api/manifests/acme-enterprise")).json;
    expect((await cto.put("/api/manifests/acme-enterprise/draft", { yaml: draft.yaml.includes("compute: [duckdb, snowflake]") ? draft.yaml.replace("compute: [duckdb, snowflake]", "compute: [duckdb]") : draft.yaml.replace("compute: [duckdb]", "compute: [duckdb, snowflake]"), baseRevision: draft.revision })).status).toBe(200);
    const after = await cto.get("/api/manifests/acme-enterprise/impact");
    expect(after.json).not.toEqual(first.json);
    await stillAnswers();
  });
});

// Reviewed changes over real HTTP against the built server (`next start` on its own seeded data
// directory): the author approving their own change, and approving a revision other than the
// draft, are refused with the exact status and code; nothing changes; the server keeps answering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../server/db/client";
import { ensureBuild, startHttpServer, type HttpClient, type HttpResponse, type HttpServer } from "../support/http-server";
import { CTO, SALES_OWNER } from "./services-setup";

let server: HttpServer;
let db: Db;
const as = {} as Record<"cto" | "admin2" | "sales", HttpClient>;

beforeAll(async () => {
  ensureBuild();
  server = await startHttpServer();
  db = createDb(`file:${server.dataDir}/mesh.db`);
  as.cto = await server.signIn(CTO);
  as.admin2 = await server.signIn("platform@acme.example");
  as.sales = await server.signIn(SALES_OWNER);
}, 600_000);
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

const state = async () =>
  JSON.stringify([
    await db.changeRequest.findMany({ orderBy: { id: "asc" } }),
    await db.manifest.findMany({ orderBy: { id: "asc" }, select: { id: true, draftYaml: true, draftRevision: true } }),
    await db.manifestVersion.count(),
    await db.auditEvent.count(),
  ]);

async function refused(attempt: () => Promise<HttpResponse>, status: number, code: string) {
  const before = await state();
  const res = await attempt();
  expect([res.status, res.json?.error?.code], res.text.slice(0, 300)).toEqual([status, code]);
  expect(await state()).toBe(before);
  expect(server.alive()).toBe(true);
  expect((await as.sales.get("/api/me")).status).toBe(200);
  return res;
}

const enterprise = () => db.manifest.findFirstOrThrow({ where: { name: "acme-enterprise" } });

describe("reviewed changes over HTTP", () => {
  it("four eyes: self-approval 403 SELF_APPROVAL, stale revision 409 STALE_REVISION, direct publish 409 REVIEW_REQUIRED; another admin publishes the reviewed revision", async () => {
    expect((await as.cto.put("/api/review-rules", { tier: "enterprise", rule: "platform_admin" })).status).toBe(200);
    await refused(() => as.sales.put("/api/review-rules", { tier: "enterprise", rule: "none" }), 403, "FORBIDDEN");
    let m = await enterprise();
    const edited = m.draftYaml.replace("storage: [s3, minio]", "storage: [s3, minio, gcs]");
    expect((await as.cto.put("/api/manifests/acme-enterprise/draft", { yaml: edited, baseRevision: m.draftRevision })).status).toBe(200);
    m = await enterprise();
    await refused(() => as.cto.post("/api/manifests/acme-enterprise/publish", { baseRevision: m.draftRevision, message: "alone" }), 409, "REVIEW_REQUIRED");

    const submitted = await as.cto.post("/api/changes", { name: "acme-enterprise", baseRevision: m.draftRevision, title: "Allow GCS", description: "multi-cloud pilot" });
    expect(submitted.status).toBe(201);
    const { id, revision } = submitted.json as { id: string; revision: number };
    expect((await as.admin2.post(`/api/changes/${id}/comments`, { body: "Which bucket?", line: 20 })).status).toBe(201);

    await refused(() => as.cto.post(`/api/changes/${id}/approve`, { revision }), 403, "SELF_APPROVAL");
    await refused(() => as.sales.post(`/api/changes/${id}/approve`, { revision }), 403, "FORBIDDEN");
    await refused(() => as.sales.get(`/api/changes/${id}`), 403, "FORBIDDEN");

    // The author edits after submission: the reviewed revision is gone, so approving it is refused.
    const again = await enterprise();
    expect((await as.cto.put("/api/manifests/acme-enterprise/draft", { yaml: again.draftYaml.replace("gcs]", "gcs, azure]"), baseRevision: again.draftRevision })).status).toBe(200);
    await refused(() => as.admin2.post(`/api/changes/${id}/approve`, { revision }), 409, "STALE_REVISION");
    const detail = await as.admin2.get(`/api/changes/${id}`);
    expect(detail.json).toMatchObject({ status: "open", revision: revision + 1, you: { approve: true } });

    const ok = await as.admin2.post(`/api/changes/${id}/approve`, { revision: revision + 1 });
    expect(ok.status, ok.text).toBe(201);
    const version = await db.manifestVersion.findFirstOrThrow({ where: { ref: ok.json.ref } });
    expect(version.yaml).toMatch(/storage: \[ ?s3, minio, gcs, azure ?\]/);
    expect((await enterprise()).draftYaml).toBe(version.yaml);
    await refused(() => as.admin2.post(`/api/changes/${id}/approve`, { revision: revision + 1 }), 409, "NOT_OPEN");
  });
});

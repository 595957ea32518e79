// Reviewed changes over real HTTP against the built server (`next start` on its own seeded data
// directory): the author approving their own change, and approving a revision other than the
// draft, are refused with the exact status and code; nothing changes; the server keeps answering.
import { describe, expect, it } from "vitest";
import { refusalChecker, useHttpSuite } from "../support/http-suite";
import { CTO, SALES_OWNER } from "./services-setup";

const suite = useHttpSuite({ cto: CTO, admin2: "platform@acme.example", sales: SALES_OWNER });
const { as } = suite;

const refused = refusalChecker(
  suite,
  async () => [
    await suite.db.changeRequest.findMany({ orderBy: { id: "asc" } }),
    await suite.db.manifest.findMany({ orderBy: { id: "asc" }, select: { id: true, draftYaml: true, draftRevision: true } }),
    await suite.db.manifestVersion.count(),
    await suite.db.auditEvent.count(),
  ],
  () => as.sales,
);

const enterprise = () => suite.db.manifest.findFirstOrThrow({ where: { name: "acme-enterprise" } });

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
    const version = await suite.db.manifestVersion.findFirstOrThrow({ where: { ref: ok.json.ref } });
    expect(version.yaml).toMatch(/storage: \[ ?s3, minio, gcs, azure ?\]/);
    expect((await enterprise()).draftYaml).toBe(version.yaml);
    await refused(() => as.admin2.post(`/api/changes/${id}/approve`, { revision: revision + 1 }), 409, "NOT_OPEN");
  });
});

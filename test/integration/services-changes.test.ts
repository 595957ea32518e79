// Reviewed changes through the services on a real database: submit, discuss, self-approval and
// stale-revision refusals, back to review on a draft edit, approval publishing exactly the reviewed text.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../server/audit/verify";
import { approveChange, commentOnChange, getChange, rejectChange, requestChanges, submitChange, withdrawChange } from "../../server/services/change-requests";
import { publishManifest } from "../../server/services/publish-manifest";
import { setReviewRule } from "../../server/services/review-policy";
import { saveDraft } from "../../server/services/save-draft";
import { CTO, SALES_OWNER, seededOrg, type SeededOrg } from "./services-setup";

const ADMIN2 = "platform@acme.example";
let org: SeededOrg;
beforeEach(async () => {
  org = await seededOrg();
});
afterEach(() => org.close());

const draftOf = (name: string) => org.db.manifest.findFirstOrThrow({ where: { name } });
async function edit(email: string, name: string, change: (yaml: string) => string) {
  const m = await draftOf(name);
  return saveDraft({ db: org.db, actor: await org.actor(email), input: { name, yaml: change(m.draftYaml), baseRevision: m.draftRevision } });
}
async function submit(email: string, name: string) {
  const m = await draftOf(name);
  return submitChange({ db: org.db, actor: await org.actor(email), input: { name, baseRevision: m.draftRevision, title: "Drop Snowflake", description: "cost" } });
}
const dropSnowflake = (y: string) => y.replace("compute: [duckdb, snowflake]", "compute: [duckdb]");
// ForbiddenError carries no status (the HTTP layer answers it 403).
const refusal = async (p: Promise<unknown>) => p.then(() => ({ status: 0, code: "none" }), (e: { status?: number; code?: string }) => ({ status: e.status ?? (e.code === "FORBIDDEN" ? 403 : undefined), code: e.code }));

describe("change requests", () => {
  it("refuses self-approval, publishes exactly the reviewed revision when another admin approves, and lists who breaks", async () => {
    await setReviewRule({ db: org.db, actor: await org.actor(CTO), input: { tier: "enterprise", rule: "platform_admin" } });
    await edit(CTO, "acme-enterprise", dropSnowflake);
    // Direct publishing is refused under the rule.
    const m = await draftOf("acme-enterprise");
    expect(await refusal(publishManifest({ db: org.db, actor: await org.actor(CTO), input: { name: "acme-enterprise", baseRevision: m.draftRevision, message: "x", confirmBreaking: true } }))).toEqual({ status: 409, code: "REVIEW_REQUIRED" });

    const { id, revision } = await submit(CTO, "acme-enterprise");
    const detail = await getChange({ db: org.db, actor: await org.actor(ADMIN2), id });
    expect(detail.you).toMatchObject({ approve: true, isAuthor: false });
    expect(detail.reviewers).toEqual([ADMIN2]);
    expect(detail.impactAtSubmission.valueChanges).toContainEqual({ path: "approved_plugins.compute", before: ["duckdb", "snowflake"], after: ["duckdb"] });
    const sales = detail.impactAtSubmission.broken.find((b) => b.name === "sales");
    expect(sales?.owners).toEqual([SALES_OWNER]);
    expect(sales?.errors[0]).toMatchObject({ code: "PLUGIN_NOT_APPROVED" });

    await commentOnChange({ db: org.db, actor: await org.actor(ADMIN2), input: { id, body: "Sales runs on Snowflake", line: 17 } });
    expect(await refusal(approveChange({ db: org.db, actor: await org.actor(CTO), input: { id, revision, confirmBreaking: true } }))).toEqual({ status: 403, code: "SELF_APPROVAL" });
    expect(await refusal(approveChange({ db: org.db, actor: await org.actor(SALES_OWNER), input: { id, revision, confirmBreaking: true } }))).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await refusal(approveChange({ db: org.db, actor: await org.actor(ADMIN2), input: { id, revision } }))).toEqual({ status: 428, code: "CONFIRMATION_REQUIRED" });

    const approved = await approveChange({ db: org.db, actor: await org.actor(ADMIN2), input: { id, revision, confirmBreaking: true } });
    const version = await org.db.manifestVersion.findFirstOrThrow({ where: { ref: approved.ref } });
    const change = await org.db.changeRequest.findUniqueOrThrow({ where: { id } });
    expect(change).toMatchObject({ status: "approved", publishedVersionId: version.id });
    expect(version.yaml).toMatch(/compute: \[ ?duckdb ?\]/);
    expect(version.publishedById).toBe((await org.actor(ADMIN2)).userId);
    // The draft is the published text: nothing left "unpublished".
    expect((await draftOf("acme-enterprise")).draftYaml).toBe(version.yaml);
    expect(await verifyAuditChain(org.db)).toMatchObject({ ok: true });
    const actions = (await org.db.auditEvent.findMany({ where: { entityId: id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["change.submit", "change.comment", "change.approve"]);
  });

  it("a draft edited after submission goes back to review: the old revision is refused, the new one approved", async () => {
    await edit(CTO, "acme-enterprise", (y) => y.replace("storage: [s3, minio]", "storage: [s3]"));
    const { id, revision } = await submit(CTO, "acme-enterprise");
    await requestChanges({ db: org.db, actor: await org.actor(ADMIN2), input: { id, reason: "keep minio for dev" } });
    expect((await org.db.changeRequest.findUniqueOrThrow({ where: { id } })).status).toBe("changes_requested");
    await edit(CTO, "acme-enterprise", (y) => y.replace("storage: [s3]", "storage: [s3, minio, gcs]"));
    const back = await org.db.changeRequest.findUniqueOrThrow({ where: { id } });
    expect(back).toMatchObject({ status: "open", draftRevision: revision + 1 });
    expect(await refusal(approveChange({ db: org.db, actor: await org.actor(ADMIN2), input: { id, revision } }))).toEqual({ status: 409, code: "STALE_REVISION" });
    expect(await org.db.manifestVersion.count({ where: { manifest: { name: "acme-enterprise" } } })).toBe(1);
    const ok = await approveChange({ db: org.db, actor: await org.actor(ADMIN2), input: { id, revision: revision + 1 } });
    expect((await org.db.manifestVersion.findFirstOrThrow({ where: { ref: ok.ref } })).yaml).toMatch(/storage: \[ ?s3, minio, gcs ?\]/);
  });

  it("withdraw by the author only; reject needs a reason and closes the request; one open request per manifest", async () => {
    await edit(SALES_OWNER, "sales", (y) => y.replace("data_retention_days: 90", "data_retention_days: 120"));
    const { id } = await submit(SALES_OWNER, "sales");
    expect(await refusal(submit(SALES_OWNER, "sales"))).toEqual({ status: 409, code: "CHANGE_UNDER_REVIEW" });
    expect(await refusal(withdrawChange({ db: org.db, actor: await org.actor(CTO), input: { id } }))).toEqual({ status: 403, code: "FORBIDDEN" });
    // Domain rule "none": the reviewers are who else may publish the domain (none here besides the author).
    expect(await refusal(rejectChange({ db: org.db, actor: await org.actor(CTO), input: { id, reason: "no" } }))).toEqual({ status: 403, code: "FORBIDDEN" });
    await setReviewRule({ db: org.db, actor: await org.actor(CTO), input: { tier: "domain", rule: "domain_owner_or_admin" } });
    await rejectChange({ db: org.db, actor: await org.actor(CTO), input: { id, reason: "retention is fine" } });
    expect(await org.db.changeRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "rejected", reason: "retention is fine" });
    const again = await submit(SALES_OWNER, "sales");
    await withdrawChange({ db: org.db, actor: await org.actor(SALES_OWNER), input: { id: again.id } });
    expect((await org.db.changeRequest.findUniqueOrThrow({ where: { id: again.id } })).status).toBe("withdrawn");
  });
});

describe("whitelist requests", () => {
  it("a domain owner asks, an admin accepts into an enterprise change that another admin approves; decline keeps the reason", async () => {
    const { createWhitelistRequest, acceptWhitelistRequest, declineWhitelistRequest, listWhitelistRequests } = await import("../../server/services/whitelist-requests");
    const owner = await org.actor(SALES_OWNER);
    expect(await refusal(createWhitelistRequest({ db: org.db, actor: owner, input: { domain: "marketing", category: "compute", plugin: "trino", reason: "x" } }))).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await refusal(createWhitelistRequest({ db: org.db, actor: owner, input: { domain: "sales", category: "compute", plugin: "snowflake", reason: "x" } }))).toEqual({ status: 409, code: "ALREADY_APPROVED" });
    const asked = await createWhitelistRequest({ db: org.db, actor: owner, input: { domain: "sales", category: "compute", plugin: "trino", reason: "federated queries over the CRM" } });
    const other = await createWhitelistRequest({ db: org.db, actor: owner, input: { domain: "sales", category: "catalog", plugin: "hive", reason: "legacy" } });
    expect(await refusal(acceptWhitelistRequest({ db: org.db, actor: owner, input: { id: asked.id } }))).toEqual({ status: 403, code: "FORBIDDEN" });

    const { changeId } = await acceptWhitelistRequest({ db: org.db, actor: await org.actor(CTO), input: { id: asked.id } });
    const change = await org.db.changeRequest.findUniqueOrThrow({ where: { id: changeId } });
    // Only the one list changed: the comment on it is kept.
    expect(change.draftYaml).toMatch(/compute: \[ ?duckdb, snowflake, trino ?\] +# DuckDB for light workloads/);
    await declineWhitelistRequest({ db: org.db, actor: await org.actor(CTO), input: { id: other.id, reason: "hive is end of life" } });

    const mine = await listWhitelistRequests({ db: org.db, actor: owner });
    expect(mine.items.map((i) => [i.plugin, i.status, i.decisionReason, i.change?.status ?? null])).toEqual([
      ["hive", "declined", "hive is end of life", null],
      ["trino", "accepted", null, "open"],
    ]);
    await approveChange({ db: org.db, actor: await org.actor(ADMIN2), input: { id: changeId, revision: change.draftRevision } });
    const published = await org.db.manifestVersion.findFirstOrThrow({ where: { manifest: { name: "acme-enterprise" } }, orderBy: { seq: "desc" } });
    expect(published.yaml).toContain("trino");
    expect((await listWhitelistRequests({ db: org.db, actor: owner })).items.find((i) => i.plugin === "trino")?.change?.status).toBe("approved");
  });
});

describe("drafts follow publishing", () => {
  it("after a rollback the draft is the new version (not the old edit); Discard draft resets an edit; approving a registration leaves no spurious domain draft", async () => {
    const { rollbackManifest } = await import("../../server/services/publish-manifest");
    const { discardDraft } = await import("../../server/services/draft-actions");
    const { approveRequest } = await import("../../server/services/requests");
    await edit(SALES_OWNER, "sales", (y) => y.replace("data_retention_days: 90", "data_retention_days: 120"));
    const m = await draftOf("sales");
    await publishManifest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { name: "sales", baseRevision: m.draftRevision, message: "longer" } });
    const back = await rollbackManifest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { name: "sales", version: "1.0.0", message: "back" } });
    const rolled = await org.db.manifestVersion.findFirstOrThrow({ where: { ref: back.ref } });
    expect((await draftOf("sales")).draftYaml).toBe(rolled.yaml);

    await edit(SALES_OWNER, "sales", (y) => y.replace("data_retention_days: 90", "data_retention_days: 365"));
    const edited = await draftOf("sales");
    await discardDraft({ db: org.db, actor: await org.actor(SALES_OWNER), input: { name: "sales", baseRevision: edited.draftRevision } });
    expect((await draftOf("sales")).draftYaml).toBe(rolled.yaml);

    const pending = await org.db.registrationRequest.findFirstOrThrow({ where: { status: "pending", product: { domain: { name: "sales" } } }, include: { product: true } });
    const approved = await approveRequest({ db: org.db, actor: await org.actor(SALES_OWNER), input: { id: pending.id, revision: pending.product.revision } });
    const version = await org.db.manifestVersion.findFirstOrThrow({ where: { ref: approved.ref } });
    expect((await draftOf("sales")).draftYaml).toBe(version.yaml);
  });
});

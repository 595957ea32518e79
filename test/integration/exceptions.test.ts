// Time-boxed exceptions end to end on a real database: request → grant (an enterprise version whose
// policy_overrides floe accepts) → the domain's weaker value resolves, excepted → ended early → refused again.
import { afterEach, beforeEach, expect, it } from "vitest";
import { ForbiddenError } from "../../lib/auth/permissions";
import { parseManifest } from "../../lib/manifest/parse";
import { verifyAuditChain } from "../../server/audit/verify";
import { ConflictError, ServiceError } from "../../server/services/errors";
import { endException, grantException, listExceptions, refuseException, requestException, withdrawException } from "../../server/services/exceptions";
import { serverToday } from "../../server/services/org-evaluation";
import { publishManifest } from "../../server/services/publish-manifest";
import { getProduct } from "../../server/services/queries";
import { saveDraft } from "../../server/services/save-draft";
import { inbox } from "../../server/notify/inbox";
import { CTO, MARKETING_OWNER, SALES_OWNER, seededOrg, VIEWER, type SeededOrg } from "./services-setup";

let org: SeededOrg;
beforeEach(async () => {
  org = await seededOrg();
});
afterEach(() => org.close());

const inDays = (n: number) => new Date(Date.parse(`${serverToday()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const ask = async (email = MARKETING_OWNER, input: Record<string, unknown> = {}) =>
  requestException({ db: org.db, actor: await org.actor(email), input: { domain: "marketing", policyType: "coverage", reason: "Legacy models get tests this quarter", expires: inDays(30), ...input } });
const status = (e: unknown) => (e as ServiceError).status;

/** Marketing lowers its minimum test coverage below the enterprise's 70. */
async function publishWeakerCoverage() {
  const owner = await org.actor(MARKETING_OWNER);
  const m = await org.db.manifest.findFirstOrThrow({ where: { name: "marketing" } });
  // The seeded marketing domain has no governance block: it inherits everything. (A refused publish keeps the saved draft.)
  let revision = m.draftRevision;
  if (!m.draftYaml.includes("minimum_test_coverage: 50")) {
    const yaml = m.draftYaml.replace(/^approved_products:/m, "governance:\n  quality_gates:\n    minimum_test_coverage: 50\n    require_descriptions: true\n\napproved_products:");
    revision = (await saveDraft({ db: org.db, actor: owner, input: { name: "marketing", yaml, baseRevision: revision } })).revision;
  }
  return publishManifest({ db: org.db, actor: owner, input: { name: "marketing", baseRevision: revision, message: "coverage 50 under the exception" } });
}

it("a granted exception lets its domain weaken its named rule, visibly, until it is ended", async () => {
  // Without an exception the weaker value is refused.
  await expect(publishWeakerCoverage()).rejects.toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
  const asked = await ask();
  expect(asked).toMatchObject({ status: "requested", state: "requested", requestedBy: MARKETING_OWNER });
  // The platform admins hear of it.
  expect((await inbox(org.db, await org.actor(CTO))).items[0].title).toContain("Exception requested: coverage for marketing");

  const granted = await grantException({ db: org.db, actor: await org.actor(CTO), input: { id: asked.id } });
  expect(granted).toMatchObject({ status: "granted", version: "1.1.0" });
  const enterprise = await org.db.manifestVersion.findFirstOrThrow({ where: { version: "1.1.0", manifest: { tier: "enterprise" } } });
  // floe reads it: an unquoted date, floe's own keys only, no errors or floe warnings.
  expect(enterprise.yaml).toContain(`expires: ${inDays(30)}\n`);
  expect(enterprise.yaml).toMatch(/- pattern: marketing\n\s+action: downgrade\n\s+reason: .*granted by cto@acme\.example/);
  expect(parseManifest(enterprise.yaml, "e.yaml").violations.filter((v) => v.severity === "error" || v.code === "FLOE_COMPAT")).toEqual([]);
  // Comments of the published version survive the edit.
  expect(enterprise.yaml).toContain("# security: no domain may relax this");

  const published = await publishWeakerCoverage();
  expect(published.version).toBe("1.1.0");
  const product = await getProduct(org.db, await org.actor(VIEWER), "campaign-analytics");
  const p = product.resolution!.provenance["governance.quality_gates.minimum_test_coverage"];
  expect(p).toMatchObject({ tier: "domain", excepted: { state: "active", until: inDays(30), policyType: "coverage", pattern: "marketing" } });
  expect(product.resolution!.violations.filter((v) => v.severity === "error")).toEqual([]);
  expect((await inbox(org.db, await org.actor(MARKETING_OWNER))).items[0].title).toBe(`Exception granted: coverage for marketing until ${inDays(30)}`);

  // Ending it early: expires becomes yesterday, in the manifest floe reads too; the weaker value is refused again.
  const ended = await endException({ db: org.db, actor: await org.actor(CTO), input: { id: asked.id } });
  expect(ended).toMatchObject({ status: "expired", version: "1.2.0" });
  const after = await getProduct(org.db, await org.actor(VIEWER), "campaign-analytics");
  expect(after.resolution!.provenance["governance.quality_gates.minimum_test_coverage"]).toMatchObject({ tier: "enterprise", excepted: { state: "expired", until: inDays(-1) } });
  expect(after.resolution!.violations.map((v) => v.code)).toContain("POLICY_WEAKENED");
  const list = await listExceptions(org.db, await org.actor(VIEWER));
  expect(list.items[0]).toMatchObject({ id: asked.id, state: "expired", expires: inDays(-1), decidedBy: CTO, grantedVersion: "1.1.0" });
  // The marketing owner is told their domain broke, by whom.
  const mine = await inbox(org.db, await org.actor(MARKETING_OWNER));
  // One message for everything of theirs it broke: the domain and its three products.
  const broken = mine.items.find((n) => n.kind === "breakage")!;
  expect(broken.title).toBe("Domain marketing and 3 more of yours broken by acme-enterprise 1.2.0");
  expect(broken.body).toMatch(/^cto@acme\.example published acme-enterprise 1\.2\.0 at .* UTC\. POLICY_WEAKENED at governance\.quality_gates\.minimum_test_coverage: .* Also broken: /);
  expect((await verifyAuditChain(org.db)).ok).toBe(true);
  const actions = (await org.db.auditEvent.findMany({ where: { entityType: "PolicyException" }, orderBy: { seq: "asc" } })).map((e) => e.action);
  expect(actions).toEqual(["exception.request", "exception.grant", "exception.end"]);
});

it("refuses what it must: who asks, for what, until when; who decides; and twice", async () => {
  await expect(ask(VIEWER)).rejects.toBeInstanceOf(ForbiddenError);
  await expect(ask(SALES_OWNER)).rejects.toBeInstanceOf(ForbiddenError); // not sales' domain
  await expect(ask(MARKETING_OWNER, { policyType: "network_policy" })).rejects.toSatisfy((e) => status(e) === 400);
  await expect(ask(MARKETING_OWNER, { expires: inDays(-1) })).rejects.toSatisfy((e) => status(e) === 400);
  await expect(ask(MARKETING_OWNER, { expires: inDays(400) })).rejects.toSatisfy((e) => status(e) === 400);
  await expect(ask(MARKETING_OWNER, { expires: "2026-02-30" })).rejects.toThrow();
  const asked = await ask();
  await expect(grantException({ db: org.db, actor: await org.actor(MARKETING_OWNER), input: { id: asked.id } })).rejects.toBeInstanceOf(ForbiddenError);
  const versions = await org.db.manifestVersion.count();
  await refuseException({ db: org.db, actor: await org.actor(CTO), input: { id: asked.id, reason: "Write the tests instead" } });
  await expect(grantException({ db: org.db, actor: await org.actor(CTO), input: { id: asked.id } })).rejects.toBeInstanceOf(ConflictError);
  expect(await org.db.manifestVersion.count()).toBe(versions);
  expect((await inbox(org.db, await org.actor(MARKETING_OWNER))).items[0]).toMatchObject({ title: "Exception refused: coverage for marketing", body: expect.stringContaining("Write the tests instead") });

  const again = await ask();
  await expect(withdrawException({ db: org.db, actor: await org.actor(CTO), input: { id: again.id } })).rejects.toBeInstanceOf(ForbiddenError);
  expect(await withdrawException({ db: org.db, actor: await org.actor(MARKETING_OWNER), input: { id: again.id } })).toEqual({ status: "withdrawn" });
});

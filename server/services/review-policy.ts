// Review rules per tier (who must approve a change), stored per organisation; absent means "none".
import { assertCan, type Actor, type ReviewRule } from "../../lib/auth/permissions";
import { appendAudit } from "../audit/append";
import { auditActor } from "./commit-version";
import type { Db, Tx } from "./db";
import { NotFoundError, ServiceError } from "./errors";
import { parseInput } from "./inputs";
import { SetReviewRuleInput } from "./review-inputs";

export type PolicyTier = "enterprise" | "domain";
export const policyTierOf = (tier: string): PolicyTier => (tier === "domain" ? "domain" : "enterprise");

export async function reviewRules(db: Db | Tx, orgId: string): Promise<Record<PolicyTier, ReviewRule>> {
  const rows = await db.reviewPolicy.findMany({ where: { orgId } });
  const of = (tier: PolicyTier) => (rows.find((r) => r.tier === tier)?.rule ?? "none") as ReviewRule;
  return { enterprise: of("enterprise"), domain: of("domain") };
}

export async function ruleFor(db: Db | Tx, orgId: string, tier: string): Promise<ReviewRule> {
  return (await reviewRules(db, orgId))[policyTierOf(tier)];
}

async function firstOrg(db: Db) {
  const org = await db.organisation.findFirst({ orderBy: { slug: "asc" } });
  if (!org) throw new NotFoundError("organisation");
  return org;
}

export async function getReviewRules({ db, actor }: { db: Db; actor: Actor | null }) {
  assertCan(actor, "read");
  return reviewRules(db, (await firstOrg(db)).id);
}

/** Platform admins set a tier's rule; audited. */
export async function setReviewRule({ db, actor, input }: { db: Db; actor: Actor | null; input: unknown }) {
  const { tier, rule } = parseInput(SetReviewRuleInput, input);
  assertCan(actor, "review.configure");
  const org = await firstOrg(db);
  await db.$transaction(async (tx) => {
    const before = await tx.reviewPolicy.findUnique({ where: { orgId_tier: { orgId: org.id, tier } } });
    await tx.reviewPolicy.upsert({ where: { orgId_tier: { orgId: org.id, tier } }, create: { orgId: org.id, tier, rule, updatedById: actor.userId }, update: { rule, updatedById: actor.userId } });
    await appendAudit(tx, { actor: auditActor(actor), action: "review.rule.set", entityType: "ReviewPolicy", entityId: `${org.id}:${tier}`, data: { tier, rule, before: before?.rule ?? "none" } });
  });
  return reviewRules(db, org.id);
}

/** Publishing directly is refused when the tier needs a review, or while a change of this manifest is under review. */
export async function assertDirectPublishAllowed(db: Db | Tx, manifest: { id: string; orgId: string; tier: string; name: string }) {
  const rule = await ruleFor(db, manifest.orgId, manifest.tier);
  if (rule !== "none") throw new ServiceError(409, "REVIEW_REQUIRED", `${policyTierOf(manifest.tier)} changes need a review (${rule}): submit the draft for review instead of publishing it`);
  const active = await db.changeRequest.findFirst({ where: { manifestId: manifest.id, status: { in: ["open", "changes_requested"] } }, select: { id: true } });
  if (active) throw new ServiceError(409, "CHANGE_UNDER_REVIEW", `a change of '${manifest.name}' is under review: approve, reject or withdraw it first`, undefined, { changeId: active.id });
}

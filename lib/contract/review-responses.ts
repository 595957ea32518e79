// What the review routes answer (reviewed changes, review rules, whitelist requests, draft discard),
// as strict zod schemas beside lib/contract/responses.ts: the route wrapper checks each answer
// against them, /api/openapi.json is generated from them, lib/client/review-api.ts infers its types.
import { z } from "zod";
import { REVIEW_RULES } from "../auth/permissions";
import type { BreakingEntry as LibBreakingEntry, ReviewImpact as LibReviewImpact } from "../review/review-impact";
import { CHANGE_STATUSES } from "../review/workflow";
import { WHITELIST_REQUEST_STATUSES } from "../statuses";
import { ManifestTier, same, Timestamp, Violation } from "./shapes";

const Person = z.string().meta({ description: "e-mail address" });
const ChangeStatus = z.enum(CHANGE_STATUSES);
const ReviewRule = z.union([z.enum(REVIEW_RULES.enterprise), z.enum(REVIEW_RULES.domain)]);

const BreakingEntry = z.strictObject({
  kind: z.enum(["domain", "product"]),
  name: z.string(),
  domain: z.string().nullable(),
  owners: z.array(z.string()).meta({ description: "e-mail addresses; team members as 'EMAIL (team TEAM)'" }),
  errors: z.array(z.strictObject({ code: z.string(), path: z.string(), message: z.string(), before: z.unknown().meta({ description: "the value today (null: none)" }) })),
});
same<z.output<typeof BreakingEntry>, LibBreakingEntry>(true);

/** What a change does, as the review shows it (lib/review/review-impact.ts). Lists are capped at 200; counts are not. */
export const ReviewImpact = z.strictObject({
  version: z.string(),
  ref: z.string(),
  valueChanges: z.array(
    z.strictObject({
      path: z.string(),
      before: z.unknown().meta({ description: "absent when the key is new" }),
      after: z.unknown().meta({ description: "absent when the key is removed" }),
    }),
  ),
  changedCount: z.int(),
  changed: z.array(z.string()),
  fixed: z.array(z.string()),
  broken: z.array(BreakingEntry),
  violations: z.array(Violation),
});
same<z.output<typeof ReviewImpact>, LibReviewImpact>(true);

export const ChangeSummary = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: ChangeStatus,
  manifest: z.string(),
  tier: ManifestTier,
  author: Person,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  broken: z.int().meta({ description: "domains and products the change breaks (at submission)" }),
  youMayReview: z.boolean(),
});
export const ChangeList = z.strictObject({ items: z.array(ChangeSummary) });
export const ChangeSubmitted = z.strictObject({ id: z.string(), status: z.literal("open"), revision: z.int() });

const User = z.strictObject({ id: z.string(), email: z.string(), name: z.string() });
export const ChangeDetail = z.strictObject({
  id: z.string(),
  status: ChangeStatus,
  title: z.string(),
  description: z.string(),
  manifest: z.strictObject({ name: z.string(), tier: ManifestTier, draftRevision: z.int() }),
  revision: z.int().meta({ description: "the draft revision under review: an approval names it" }),
  rule: ReviewRule,
  author: User,
  decidedBy: User.nullable(),
  decidedAt: Timestamp.nullable(),
  reason: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  published: z.strictObject({ version: z.string(), ref: z.string() }).nullable(),
  base: z.strictObject({ version: z.string(), yaml: z.string() }).nullable().meta({ description: "the published version the diff is against (secrets masked)" }),
  yaml: z.string().meta({ description: "the reviewed draft (secrets masked)" }),
  impactAtSubmission: ReviewImpact,
  impactNow: z
    .union([ReviewImpact, z.strictObject({ violations: z.array(Violation) })])
    .nullable()
    .meta({ description: "recomputed when the tree moved on since submission (violations only: it no longer validates); null: unchanged, or closed" }),
  reviewers: z.array(Person),
  comments: z.array(z.strictObject({ id: z.string(), author: Person, body: z.string(), line: z.int().nullable(), revision: z.int(), createdAt: Timestamp })),
  you: z.strictObject({ approve: z.boolean(), review: z.boolean(), withdraw: z.boolean(), comment: z.boolean(), isAuthor: z.boolean() }),
});
const PushStatus = z.enum(["disabled", "pushed", "unchanged", "failed"]);
export const ChangeApproved = z.strictObject({ id: z.string(), status: z.literal("approved"), version: z.string(), ref: z.string(), digest: z.string(), registry: PushStatus });
export const ChangeCommented = z.strictObject({ id: z.string(), line: z.int().nullable(), revision: z.int() });
export const ChangeDecided = z.strictObject({ id: z.string(), status: z.enum(["changes_requested", "rejected", "withdrawn"]) });

export const ReviewRules = z.strictObject({ enterprise: z.enum(REVIEW_RULES.enterprise), domain: z.enum(REVIEW_RULES.domain) });

export const DraftDiscarded = z.strictObject({ revision: z.int(), version: z.string().meta({ description: "the published version the draft now holds" }) });

export const WhitelistRequestItem = z.strictObject({
  id: z.string(),
  domain: z.string(),
  category: z.string(),
  plugin: z.string(),
  reason: z.string(),
  status: z.enum(WHITELIST_REQUEST_STATUSES),
  requestedBy: Person,
  decidedBy: Person.nullable(),
  decidedAt: Timestamp.nullable(),
  decisionReason: z.string().nullable(),
  createdAt: Timestamp,
  change: z
    .strictObject({ id: z.string(), status: z.union([ChangeStatus, z.literal("unknown")]) })
    .nullable()
    .meta({ description: "accepted: the enterprise change request that adds the plugin" }),
});
export const WhitelistRequestList = z.strictObject({ items: z.array(WhitelistRequestItem), youDecide: z.boolean() });
export const WhitelistRequested = z.strictObject({ id: z.string(), status: z.literal("pending") });
export const WhitelistAccepted = z.strictObject({ id: z.string(), status: z.literal("accepted"), changeId: z.string() });
export const WhitelistDeclined = z.strictObject({ id: z.string(), status: z.literal("declined") });

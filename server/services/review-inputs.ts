// Input schemas of change requests, review rules and whitelist requests (services and routes parse with these).
import { z } from "zod";
import { WHITELIST_CATEGORIES } from "../../lib/manifest/schema/plugins";
import { REVIEW_RULES } from "../../lib/auth/permissions";
import { message, name, reason, revision } from "./inputs";

const id = z.string().min(1).max(64);
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
const body = z.string().trim().min(1, "required").max(4000).refine(noControl, "must not contain control characters");

export const SubmitChangeInput = z.strictObject({ name, baseRevision: revision, title: message.pipe(z.string().max(200)), description: z.string().max(4000).refine(noControl).default("") });
export const ChangeIdInput = z.strictObject({ id });
export const ApproveChangeInput = z.strictObject({ id, revision, confirmBreaking: z.boolean().optional() });
export const DecideChangeInput = z.strictObject({ id, reason });
export const CommentInput = z.strictObject({ id, body, line: z.int().min(1).max(100_000).nullable().optional() });
export const ListChangesQuery = z.strictObject({ status: z.enum(["active", "closed", "all"]).default("active"), manifest: name.optional() });

export const SetReviewRuleInput = z.discriminatedUnion("tier", [
  z.strictObject({ tier: z.literal("enterprise"), rule: z.enum(REVIEW_RULES.enterprise) }),
  z.strictObject({ tier: z.literal("domain"), rule: z.enum(REVIEW_RULES.domain) }),
]);

const pluginName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, "plugin names are lower-case letters, digits, '_', '.' and '-'");
export const WhitelistRequestInput = z.strictObject({ domain: name, category: z.string().refine((c) => WHITELIST_CATEGORIES.includes(c), "not a whitelist category"), plugin: pluginName, reason });
export const WhitelistDecisionInput = z.strictObject({ id, reason });
export const WhitelistAcceptInput = z.strictObject({ id, message: message.optional() });

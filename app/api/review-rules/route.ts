import { ReviewRules } from "../../../lib/contract/review-responses";
import { route } from "../../../server/http/route";
import { SetReviewRuleInput } from "../../../server/services/review-inputs";
import { getReviewRules, setReviewRule } from "../../../server/services/review-policy";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Who must approve changes, per tier: `{ enterprise, domain }`. */
export const GET = route({ summary: "Who must review changes to each tier", response: ReviewRules }, async ({ db, actor }) => getReviewRules({ db, actor }));

/** Platform admins: `{ tier, rule }`. */
export const PUT = route({ summary: "Set the review rule of a tier (platform admins)", body: SetReviewRuleInput, response: ReviewRules }, async ({ db, actor, body }) => setReviewRule({ db, actor, input: body }));

import { WhitelistDeclined } from "../../../../../lib/contract/review-responses";
import { param, route } from "../../../../../server/http/route";
import { WhitelistDecisionInput } from "../../../../../server/services/review-inputs";
import { declineWhitelistRequest } from "../../../../../server/services/whitelist-requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Platform admins: `{ reason }`. */
export const POST = route({ summary: "Decline a whitelist request with a reason", body: WhitelistDecisionInput.omit({ id: true }), response: WhitelistDeclined }, async ({ db, actor, body, params }) =>
  declineWhitelistRequest({ db, actor, input: { ...body, id: param(params, "id") } }),
);

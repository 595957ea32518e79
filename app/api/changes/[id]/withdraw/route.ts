import { ChangeDecided } from "../../../../../lib/contract/review-responses";
import { param, route } from "../../../../../server/http/route";
import { withdrawChange } from "../../../../../server/services/change-requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The author withdraws a change under review. */
export const POST = route({ summary: "Withdraw one's own change request", response: ChangeDecided }, async ({ db, actor, params }) => withdrawChange({ db, actor, input: { id: param(params, "id") } }));

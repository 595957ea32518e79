import { ChangeDecided } from "../../../../../lib/contract/review-responses";
import { param, route } from "../../../../../server/http/route";
import { rejectChange } from "../../../../../server/services/change-requests";
import { DecideChangeInput } from "../../../../../server/services/review-inputs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Body: `{ reason }`. */
export const POST = route({ summary: "Reject a change request with a reason", body: DecideChangeInput.omit({ id: true }), response: ChangeDecided }, async ({ db, actor, body, params }) =>
  rejectChange({ db, actor, input: { ...body, id: param(params, "id") } }),
);

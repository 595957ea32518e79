import { ChangeDecided } from "../../../../../lib/contract/review-responses";
import { param, route } from "../../../../../server/http/route";
import { requestChanges } from "../../../../../server/services/change-requests";
import { DecideChangeInput } from "../../../../../server/services/review-inputs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Body: `{ reason }`. */
export const POST = route({ summary: "Ask the author of a change request for changes", body: DecideChangeInput.omit({ id: true }), response: ChangeDecided }, async ({ db, actor, body, params }) =>
  requestChanges({ db, actor, input: { ...body, id: param(params, "id") } }),
);

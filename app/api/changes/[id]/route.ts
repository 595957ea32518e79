import { ChangeDetail } from "../../../../lib/contract/review-responses";
import { param, route } from "../../../../server/http/route";
import { getChange } from "../../../../server/services/change-requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "One change request: diff, impact, comments, reviews", response: ChangeDetail }, async ({ db, actor, params }) => getChange({ db, actor, id: param(params, "id") }));

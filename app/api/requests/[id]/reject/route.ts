import { param, route } from "../../../../../server/http/route";
import { RejectInput } from "../../../../../server/services/inputs";
import { rejectRequest } from "../../../../../server/services/requests";
import { Rejected } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Reject a registration request with a reason", response: Rejected, body: RejectInput.omit({ id: true }) }, async ({ db, actor, body, params }) =>
  rejectRequest({ db, actor, input: { ...body, id: param(params, "id") } }),
);

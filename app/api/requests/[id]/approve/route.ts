import { param, route } from "../../../../../server/http/route";
import { ApproveInput } from "../../../../../server/services/inputs";
import { approveRequest } from "../../../../../server/services/requests";
import { Approved } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Body: `{ revision }`, the product revision the owner reviewed (409 STALE_REVISION when the floe.yaml changed since). */
export const POST = route({ summary: "Approve: publishes the domain version listing the product", response: Approved, body: ApproveInput.omit({ id: true }) }, async ({ db, actor, body, params }) =>
  approveRequest({ db, actor, input: { ...body, id: param(params, "id") } }),
);

import { ChangeApproved } from "../../../../../lib/contract/review-responses";
import { created, param, route } from "../../../../../server/http/route";
import { approveChange } from "../../../../../server/services/change-requests";
import { ApproveChangeInput } from "../../../../../server/services/review-inputs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Body: `{ revision, confirmBreaking? }: publishes exactly that revision (403 SELF_APPROVAL for the author, 409 STALE_REVISION when the draft moved)`. */
export const POST = route({ summary: "Approve a change request: publishes it (428 when breaking without confirmBreaking)", body: ApproveChangeInput.omit({ id: true }), created: ChangeApproved }, async ({ db, actor, body, params }) =>
  created(await approveChange({ db, actor, input: { ...body, id: param(params, "id") } })),
);

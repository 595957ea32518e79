import { ExceptionRefused } from "../../../../../lib/contract/notify-responses";
import { param, route } from "../../../../../server/http/route";
import { refuseException, RefuseExceptionInput } from "../../../../../server/services/exceptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Refuse an exception request with a reason", body: RefuseExceptionInput.omit({ id: true }), response: ExceptionRefused }, async ({ db, actor, body, params }) => refuseException({ db, actor, input: { ...body, id: param(params, "id") } }));

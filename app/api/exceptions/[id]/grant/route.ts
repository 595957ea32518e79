import { ExceptionGranted } from "../../../../../lib/contract/notify-responses";
import { param, route } from "../../../../../server/http/route";
import { grantException } from "../../../../../server/services/exceptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Grant an exception: an enterprise version whose policy_overrides carries it", response: ExceptionGranted }, async ({ db, actor, params }) => grantException({ db, actor, input: { id: param(params, "id") } }));

import { ExceptionEnded } from "../../../../../lib/contract/notify-responses";
import { param, route } from "../../../../../server/http/route";
import { endException } from "../../../../../server/services/exceptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "End a granted exception early (its expiry becomes yesterday)", response: ExceptionEnded }, async ({ db, actor, params }) => endException({ db, actor, input: { id: param(params, "id") } }));

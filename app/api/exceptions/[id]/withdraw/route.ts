import { ExceptionWithdrawn } from "../../../../../lib/contract/notify-responses";
import { param, route } from "../../../../../server/http/route";
import { withdrawException } from "../../../../../server/services/exceptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Withdraw my exception request", response: ExceptionWithdrawn }, async ({ db, actor, params }) => withdrawException({ db, actor, input: { id: param(params, "id") } }));

import { param, route } from "../../../../../server/http/route";
import { withdrawRequest } from "../../../../../server/services/requests";
import { Withdrawn } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Withdraw a pending registration request (its team)", response: Withdrawn }, async ({ db, actor, params }) => withdrawRequest({ db, actor, input: { id: param(params, "id") } }));

import { param, route } from "../../../../../server/http/route";
import { withdrawRequest } from "../../../../../server/services/requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({}, async ({ db, actor, params }) => withdrawRequest({ db, actor, input: { id: param(params, "id") } }));

import { param, route } from "../../../../../server/http/route";
import { approveRequest } from "../../../../../server/services/requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({}, async ({ db, actor, params }) => approveRequest({ db, actor, input: { id: param(params, "id") } }));

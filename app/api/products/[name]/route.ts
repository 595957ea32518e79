import { param, route } from "../../../../server/http/route";
import { getProduct } from "../../../../server/services/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({}, async ({ db, actor, params }) => getProduct(db, actor, param(params, "name")));

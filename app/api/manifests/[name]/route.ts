import { param, route } from "../../../../server/http/route";
import { getManifest } from "../../../../server/services/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({}, async ({ db, actor, params }) => getManifest(db, actor, param(params, "name")));

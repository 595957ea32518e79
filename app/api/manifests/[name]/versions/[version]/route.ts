import { param, route } from "../../../../../../server/http/route";
import { getVersion } from "../../../../../../server/services/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({}, async ({ db, actor, params }) => getVersion(db, actor, param(params, "name"), param(params, "version")));

import { param, route } from "../../../../../server/http/route";
import { previewImpact } from "../../../../../server/services/publish-manifest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({}, async ({ db, actor, params }) => previewImpact({ db, actor, name: param(params, "name") }));

import { param, route } from "../../../../../server/http/route";
import { previewImpact } from "../../../../../server/services/publish-manifest";
import { ImpactPreview } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "What publishing the current draft would change, break and fix", response: ImpactPreview }, async ({ db, actor, params }) => previewImpact({ db, actor, name: param(params, "name") }));

import { param, route } from "../../../../server/http/route";
import { getManifest } from "../../../../server/services/queries";
import { ManifestDetail } from "../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "One manifest: its draft (for its editors), versions, resolution and violations", response: ManifestDetail }, async ({ db, actor, params }) => getManifest(db, actor, param(params, "name")));

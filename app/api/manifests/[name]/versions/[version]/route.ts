import { param, route } from "../../../../../../server/http/route";
import { getVersion } from "../../../../../../server/services/queries";
import { VersionDetail } from "../../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "One published version with its YAML", response: VersionDetail }, async ({ db, actor, params }) => getVersion(db, actor, param(params, "name"), param(params, "version")));

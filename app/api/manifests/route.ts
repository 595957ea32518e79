import { route } from "../../../server/http/route";
import { listManifests } from "../../../server/services/queries";
import { ManifestList } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "Every manifest with its latest version and health", response: ManifestList }, async ({ db, actor }) => listManifests(db, actor));

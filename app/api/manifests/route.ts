import { route } from "../../../server/http/route";
import { listManifests } from "../../../server/services/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({}, async ({ db, actor }) => listManifests(db, actor));

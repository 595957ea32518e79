import { route } from "../../../server/http/route";
import { me } from "../../../server/services/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({}, async ({ actor }) => me(actor));

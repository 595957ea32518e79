// GET /api/health: the process answers HTTP (liveness), and nothing more: no session, no database.
// It is also the framework's floor for `npm run bench:api` (an empty handler in the same server).
import { route } from "../../../server/http/route";
import { Health } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "Liveness: the server answers (reads no session and no database)", auth: false, response: Health }, async () => ({ ok: true }));

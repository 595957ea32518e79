// POST /api/git/webhook: called by the git host on a push (signed with MESH_GIT_WEBHOOK_SECRET).
import { gitWebhook } from "../../../../server/git/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = (req: Request) => gitWebhook(req);

// POST /api/git/webhook: called by the git host on a push (signed with MESH_GIT_WEBHOOK_SECRET).
import { gitWebhook } from "../../../../server/git/webhook";
import type { RouteContract } from "../../../../server/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Not through route(): the git host sends no Origin (route() refuses cross-origin POSTs); the signature authenticates it.
export const POST = Object.assign((req: Request) => gitWebhook(req), {
  contract: { auth: false, summary: "Announce a push to the git remote (signed with MESH_GIT_WEBHOOK_SECRET); the console fetches", responses: {}, raw: { contentType: "application/json", description: "{fetched, head, error}" } } satisfies RouteContract,
});

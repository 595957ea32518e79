// POST /api/git/sync: fetch the remote and push pending commits now (platform admins).
import { assertCan } from "../../../../lib/auth/permissions";
import { gitConfig } from "../../../../server/git/config";
import { fetchRemote } from "../../../../server/git/incoming";
import { drainGitOutbox } from "../../../../server/git/sync";
import { GitSynced } from "../../../../lib/contract/git-responses";
import { HttpError, route } from "../../../../server/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Push pending git commits and fetch the remote now (platform admins)", response: GitSynced }, async ({ db, actor }) => {
  assertCan(actor, "manifest.publish", { tier: "enterprise" });
  const config = gitConfig();
  if (!config) throw new HttpError(404, "GIT_SYNC_OFF", "git sync is not configured (MESH_GIT_REMOTE)");
  const push = await drainGitOutbox(db, config);
  const fetched = await fetchRemote(db, config);
  return { pushed: push.pushed, pushStopped: push.stopped ?? null, fetched: fetched.ok, head: fetched.head, fetchError: fetched.error ?? null };
});

// GET /api/git: per manifest and product, whether git, the console and the OCI registry agree; incoming changes.
import { assertCan } from "../../../lib/auth/permissions";
import { gitStatus } from "../../../server/git/incoming";
import { route } from "../../../server/http/route";

const JSON_ANSWER = { contentType: "application/json", description: "configured, remote, branch, head, fetchedAt, remoteError, outbox, and per manifest its versions (git/registry state) and incoming changes" };

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "Whether git, the console and the OCI registry agree, per manifest; incoming git changes", raw: JSON_ANSWER }, async ({ db, actor }) => {
  assertCan(actor, "read");
  return Response.json(await gitStatus(db));
});

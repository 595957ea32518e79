// GET /api/git: per manifest and product, whether git, the console and the OCI registry agree; incoming changes.
import { assertCan } from "../../../lib/auth/permissions";
import { gitStatus } from "../../../server/git/incoming";
import { GitStatus } from "../../../lib/contract/git-responses";
import { route } from "../../../server/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "Whether git, the console and the OCI registry agree, per manifest; incoming git changes", response: GitStatus }, async ({ db, actor }) => {
  assertCan(actor, "read");
  return gitStatus(db);
});

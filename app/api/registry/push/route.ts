// POST /api/registry/push: pushes every version the registry has not acknowledged (platform admins).
import { assertCan } from "../../../../lib/auth/permissions";
import { route } from "../../../../server/http/route";
import { pushUnpushedVersions } from "../../../../server/registry/push";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({}, async ({ db, actor }) => {
  assertCan(actor, "manifest.publish", { tier: "enterprise" });
  return pushUnpushedVersions(db);
});

// POST /api/registry/push: pushes every version the registry has not acknowledged (platform admins).
import { assertCan } from "../../../../lib/auth/permissions";
import { route } from "../../../../server/http/route";
import { pushUnpushedVersions } from "../../../../server/registry/push";
import { RegistryPushResults } from "../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Push every version the OCI registry has not acknowledged", response: RegistryPushResults }, async ({ db, actor }) => {
  assertCan(actor, "registry.push");
  return pushUnpushedVersions(db);
});

// GET /api/registry: is every published version in the configured OCI registry, and unchanged?
import { assertCan } from "../../../lib/auth/permissions";
import { route } from "../../../server/http/route";
import { registryStatus } from "../../../server/registry/status";
import { RegistryStatus } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "Is every published version in the configured OCI registry, and unchanged?", response: RegistryStatus }, async ({ db, actor }) => {
  assertCan(actor, "read");
  return registryStatus(db);
});

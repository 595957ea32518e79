import { TierMigrationApplied } from "../../../../../lib/contract/responses";
import { route } from "../../../../../server/http/route";
import { applyTierMigration, TierMigrationInput } from "../../../../../server/services/tier-migration";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Publishes the previewed migration (422 when a product would not resolve cleanly). */
export const POST = route({ summary: "Migrate a 2-tier platform to a domain of an enterprise", body: TierMigrationInput, response: TierMigrationApplied }, async ({ db, actor, body }) => applyTierMigration(db, actor, body));

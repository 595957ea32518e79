import { TierMigrationPreview } from "../../../../../lib/contract/responses";
import { route } from "../../../../../server/http/route";
import { previewTierMigration, TierMigrationInput } from "../../../../../server/services/tier-migration";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Read-only: the enterprise and domain a 2-tier platform would become, and every product before → after. */
export const POST = route({ summary: "Preview a 2-tier platform becoming a domain of an enterprise", body: TierMigrationInput, response: TierMigrationPreview }, async ({ db, actor, body }) => previewTierMigration(db, actor, body));

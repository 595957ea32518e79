import { z } from "zod";
import { created, param, route } from "../../../../../server/http/route";
import { previewRollback } from "../../../../../server/services/draft-actions";
import { RollbackInput } from "../../../../../server/services/inputs";
import { rollbackManifest } from "../../../../../server/services/publish-manifest";
import { Published, ImpactPreview } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The impact of rolling back to `?version=` (what it would change and break), before confirming. */
export const GET = route({ summary: "The impact of rolling back to ?version=, before confirming", response: ImpactPreview, query: z.strictObject({ version: z.string().min(1).max(64) }) }, async ({ db, actor, query, params }) =>
  previewRollback({ db, actor, name: param(params, "name"), version: query.version }),
);

export const POST = route({ summary: "Publish an earlier version's content again as the next version", created: Published, body: RollbackInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  created(await rollbackManifest({ db, actor, input: { ...body, name: param(params, "name") } })),
);

import { z } from "zod";
import { impactGroups, pagedImpact } from "../../../../../lib/org/impact-page";
import { created, param, route } from "../../../../../server/http/route";
import { previewRollback } from "../../../../../server/services/draft-actions";
import { RollbackInput } from "../../../../../server/services/inputs";
import { rollbackManifest } from "../../../../../server/services/publish-manifest";
import { Published, PagedImpactPreview } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The impact of rolling back to `?version=` (what it would change and break), before confirming: a summary and first pages. */
export const GET = route({ summary: "The impact of rolling back to ?version=, before confirming", response: PagedImpactPreview, query: z.strictObject({ version: z.string().min(1).max(64) }) }, async ({ db, actor, query, params }) => {
  const { version, ref, violations, ...impact } = await previewRollback({ db, actor, name: param(params, "name"), version: query.version });
  return { version, ref, violations, ...pagedImpact(impactGroups(impact)) };
});

export const POST = route({ summary: "Publish an earlier version's content again as the next version", created: Published, body: RollbackInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  created(await rollbackManifest({ db, actor, input: { ...body, name: param(params, "name") } })),
);

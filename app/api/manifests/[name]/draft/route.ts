import { param, route } from "../../../../../server/http/route";
import { SaveDraftInput } from "../../../../../server/services/inputs";
import { saveDraft } from "../../../../../server/services/save-draft";
import { Saved } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PUT = route({ summary: "Save a manifest draft at baseRevision (409 with the current draft when it moved on)", response: Saved, body: SaveDraftInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  saveDraft({ db, actor, input: { ...body, name: param(params, "name") } }),
);

import { param, route } from "../../../../../server/http/route";
import { SaveDraftInput } from "../../../../../server/services/inputs";
import { saveDraft } from "../../../../../server/services/save-draft";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PUT = route({ body: SaveDraftInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  saveDraft({ db, actor, input: { ...body, name: param(params, "name") } }),
);

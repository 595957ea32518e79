import { param, route } from "../../../../../server/http/route";
import { SaveFloeInput } from "../../../../../server/services/inputs";
import { saveProductFloe } from "../../../../../server/services/save-product";
import { Saved } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PUT = route({ summary: "Save a product's floe.yaml at baseRevision", response: Saved, body: SaveFloeInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  saveProductFloe({ db, actor, input: { ...body, name: param(params, "name") } }),
);

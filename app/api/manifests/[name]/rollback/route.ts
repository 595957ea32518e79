import { created, param, route } from "../../../../../server/http/route";
import { RollbackInput } from "../../../../../server/services/inputs";
import { rollbackManifest } from "../../../../../server/services/publish-manifest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ body: RollbackInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  created(await rollbackManifest({ db, actor, input: { ...body, name: param(params, "name") } })),
);

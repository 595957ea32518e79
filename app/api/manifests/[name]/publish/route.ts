import { created, param, route } from "../../../../../server/http/route";
import { PublishInput } from "../../../../../server/services/inputs";
import { publishManifest } from "../../../../../server/services/publish-manifest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ body: PublishInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  created(await publishManifest({ db, actor, input: { ...body, name: param(params, "name") } })),
);

import { created, param, route } from "../../../../../server/http/route";
import { PublishInput } from "../../../../../server/services/inputs";
import { publishManifest } from "../../../../../server/services/publish-manifest";
import { Published } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Publish the draft as the next version (422 invalid, 428 breaking without confirmBreaking)", created: Published, body: PublishInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  created(await publishManifest({ db, actor, input: { ...body, name: param(params, "name") } })),
);

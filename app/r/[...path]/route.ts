// GET /r/{host}/{repository...}/{tag}.yaml: the raw YAML published as oci://{host}/{repository}:{tag},
// a stable URL floe tooling and CI can fetch.
import { HttpError, route } from "../../../server/http/route";
import { rawPublishedYaml } from "../../../server/services/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({}, async ({ db, actor, params }) => {
  const segments = Array.isArray(params.path) ? params.path : [];
  const file = segments.at(-1) ?? "";
  if (segments.length < 3 || !file.endsWith(".yaml")) throw new HttpError(404, "NOT_FOUND", "expected /r/HOST/REPOSITORY/TAG.yaml");
  const ref = `oci://${segments[0]}/${segments.slice(1, -1).join("/")}:${file.slice(0, -".yaml".length)}`;
  return new Response(await rawPublishedYaml(db, actor, ref), { headers: { "content-type": "text/yaml; charset=utf-8" } });
});

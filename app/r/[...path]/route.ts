// GET /r/{host}/{repository...}/{tag}.yaml: the raw YAML published as oci://{host}/{repository}:{tag},
// a stable URL floe tooling and CI can fetch, with a session or a read token (MESH_READ_TOKENS).
import { assertCan, UnauthenticatedError } from "../../../lib/auth/permissions";
import { getActor } from "../../../server/auth/actor";
import { isReadToken } from "../../../server/auth/read-tokens";
import { HttpError, route } from "../../../server/http/route";
import { rawPublishedYaml } from "../../../server/services/queries";
import { relativePathToRef } from "../../../lib/refs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A bearer token alone decides when one is sent (a wrong token is 401 even with a session cookie). */
async function assertMayRead(headers: Headers): Promise<void> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    if (!isReadToken(authorization)) throw new UnauthenticatedError();
    return;
  }
  assertCan(await getActor(headers), "read");
}

export const GET = route({ summary: "The raw YAML published as oci://HOST/REPOSITORY:TAG (session or read token)", auth: false, raw: { contentType: "text/yaml", description: "the published YAML; ETag is its digest" } }, async ({ req, db, params }) => {
  await assertMayRead(req.headers);
  const segments = Array.isArray(params.path) ? params.path : [];
  const file = segments.at(-1) ?? "";
  if (segments.length < 3 || !file.endsWith(".yaml")) throw new HttpError(404, "NOT_FOUND", "expected /r/HOST/REPOSITORY/TAG.yaml");
  const ref = relativePathToRef(segments.join("/"));
  const { yaml, digest } = await rawPublishedYaml(db, ref);
  const etag = `"${digest}"`;
  const headers = { etag, "cache-control": "private, no-cache" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(yaml, { headers: { ...headers, "content-type": "text/yaml; charset=utf-8" } });
});

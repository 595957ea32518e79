// GET /api/export[?domain=NAME]: the organisation (or one domain) as a .tar.gz in the `mesh check` layout.
import { z } from "zod";
import { route } from "../../../server/http/route";
import { exportArchive, exportOrg } from "../../../server/services/export-org";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "The organisation (or one domain) as a .tar.gz in the `mesh check` layout", raw: { contentType: "application/gzip", description: "registry/HOST/PATH/TAG.yaml, products/DOMAIN/NAME/floe.yaml, pending/DOMAIN/NAME/floe.yaml" }, query: z.object({ domain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional() }) }, async ({ db, actor, query }) => {
  const { slug, files } = await exportOrg(db, actor, { domain: query.domain });
  return new Response(Buffer.from(await exportArchive(files, slug)), {
    headers: { "content-type": "application/gzip", "content-disposition": `attachment; filename="${slug}.tar.gz"` },
  });
});

// POST /api/import: body = a .tar/.tar.gz/.zip archive (?name=FILE) or JSON {folder: "/abs/path"} on the server.
// Without ?confirm: the report (nothing written). With ?confirm=FINGERPRINT: the import, in one transaction.
import { created, route } from "../../../server/http/route";
import { importOrg, planOrgImport } from "../../../server/services/import-org";
import { importReport, importSourceOf } from "../../../server/services/import-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({}, async ({ req, db, actor }) => {
  const source = await importSourceOf(req, actor);
  const confirm = new URL(req.url).searchParams.get("confirm");
  if (confirm) return created(await importOrg(db, actor, source, confirm));
  return importReport(await planOrgImport(db, actor, source));
});

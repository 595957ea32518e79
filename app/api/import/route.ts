// POST /api/import: body = a .tar/.tar.gz/.zip archive (?name=FILE) or JSON {folder: "/abs/path"} on the server.
// Without ?confirm: the report (nothing written). With ?confirm=FINGERPRINT: the import, in one transaction;
// an import that breaks domains or products of the current tree also needs &confirmBreaking=1 (else 428).
import { created, route } from "../../../server/http/route";
import { importOrg, planOrgImport } from "../../../server/services/import-org";
import { importReport, importSourceOf } from "../../../server/services/import-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({}, async ({ req, db, actor }) => {
  const source = await importSourceOf(req, actor);
  const query = new URL(req.url).searchParams;
  const confirm = query.get("confirm");
  if (confirm) return created(await importOrg(db, actor, source, confirm, { confirmBreaking: query.get("confirmBreaking") === "1" }));
  return importReport(await planOrgImport(db, actor, source));
});

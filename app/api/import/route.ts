// POST /api/import: body = a .tar/.tar.gz/.zip archive (?name=FILE) or JSON {folder: "/abs/path"} on the server.
// Without ?confirm: the report (nothing written). With ?confirm=FINGERPRINT: the import, in one transaction;
// an import that breaks domains or products of the current tree also needs &confirmBreaking=1 (else 428).
import { created, route } from "../../../server/http/route";
import { assertCanImport, importOrg, planOrgImport } from "../../../server/services/import-org";
import { withUserSlot } from "../../../server/services/user-limits";
import { importReport, importSourceOf } from "../../../server/services/import-request";
import { ImportReport, ImportResult } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// One import (report or confirmation: each evaluates the organisation) per user at a time.
export const POST = route({ summary: "Import an organisation archive or server folder: the report, or with ?confirm=FINGERPRINT the import", response: ImportReport, created: ImportResult }, async ({ req, db, actor }) => {
  assertCanImport(actor);
  return withUserSlot(actor.userId, "import", 1, async () => {
    const source = await importSourceOf(req, actor);
    const query = new URL(req.url).searchParams;
    const confirm = query.get("confirm");
    if (confirm) return created(await importOrg(db, actor, source, confirm, { confirmBreaking: query.get("confirmBreaking") === "1" }));
    return importReport(await planOrgImport(db, actor, source));
  });
});

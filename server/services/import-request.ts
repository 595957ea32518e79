// Turns an import request into an ImportSource: an uploaded archive (raw request body) or a folder on
// the server (JSON {folder}). Folder reads happen only after the import permission check.
import { isAbsolute } from "node:path";
import type { Actor } from "../../lib/auth/permissions";
import { ArchiveError, MAX_ARCHIVE_BYTES, readArchive } from "../../lib/node/archive";
import { readImportFolder } from "../../lib/node/import-folder";
import { isDirectory } from "../../lib/node/org-dir";
import type { ImportPlan } from "../../lib/org/import-plan";
import { BadInputError, ServiceError } from "./errors";
import { assertCanImport, type ImportSource } from "./import-org";

async function readCapped(req: Request, limit: number): Promise<Uint8Array> {
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw new ServiceError(413, "PAYLOAD_TOO_LARGE", `upload over ${limit} bytes`);
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length > limit) throw new ServiceError(413, "PAYLOAD_TOO_LARGE", `upload over ${limit} bytes`);
  return bytes;
}

export async function importSourceOf(req: Request, actor: Actor | null): Promise<ImportSource> {
  assertCanImport(actor);
  if ((req.headers.get("content-type") ?? "").includes("application/json")) {
    const body = (await req.json().catch(() => null)) as { folder?: unknown } | null;
    const folder = typeof body?.folder === "string" ? body.folder : "";
    if (!isAbsolute(folder) || !isDirectory(folder)) throw new BadInputError(`not a folder on the server: ${folder || "(none given)"}; give an absolute path`);
    return { ...readImportFolder(folder), label: folder };
  }
  const name = new URL(req.url).searchParams.get("name") || "upload";
  try {
    return { ...readArchive(await readCapped(req, MAX_ARCHIVE_BYTES)), label: name };
  } catch (e) {
    if (e instanceof ArchiveError) throw new BadInputError(e.message);
    throw e;
  }
}

/** The report as sent to the browser: everything but the file contents. */
export function importReport(plan: ImportPlan) {
  return {
    registry: plan.registry,
    fingerprint: plan.fingerprint,
    manifests: plan.manifests.map(({ yaml: _yaml, ...m }) => m),
    products: plan.products.map(({ yaml: _yaml, ...p }) => p),
    skipped: plan.skipped,
    violations: plan.violations,
    blockers: plan.blockers,
  };
}

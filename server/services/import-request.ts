// Turns an import request into an ImportSource: an uploaded archive (raw request body) or a folder
// inside the import root on the server (JSON {folder}). Reads happen only after the permission check,
// and every read is bounded: the upload while it streams, the inflated archive, the folder walk.
import "server-only";
import { resolve } from "node:path";
import { z } from "zod";
import type { Actor } from "../../lib/auth/permissions";
import { ArchiveError, ArchiveTooLargeError, MAX_ARCHIVE_BYTES, readArchive } from "../../lib/node/archive";
import { checkImportRoot, ImportFolderError, readImportFolder, resolveImportFolder } from "../../lib/node/import-folder";

import { MAX_BODY_BYTES, readBodyBytes } from "../http/route";
import { BadInputError, ServiceError } from "./errors";
import { assertCanImport, type ImportPlanWithImpact, type ImportSource } from "./import-org";

const ImportEnv = z.object({ MESH_IMPORT_ROOT: z.string().min(1).optional(), MESH_DATA_DIR: z.string().min(1).optional() });

/**
 * The directory server-folder imports may read: MESH_IMPORT_ROOT (`off` switches them off), else
 * `${MESH_DATA_DIR:-./data}/import` (off while it does not exist). Never `/` nor a system tree.
 */
export function importRoot(env: NodeJS.ProcessEnv = process.env): string | null {
  const { MESH_IMPORT_ROOT, MESH_DATA_DIR } = ImportEnv.parse(env);
  if (MESH_IMPORT_ROOT === "off") return null;
  // Chosen at run time by configuration: not a path for the build to trace.
  const root = resolve(/*turbopackIgnore: true*/ MESH_IMPORT_ROOT ?? resolve(/*turbopackIgnore: true*/ MESH_DATA_DIR ?? "./data", "import"));
  const problem = checkImportRoot(root);
  if (problem) throw new Error(problem);
  return root;
}

const FolderBody = z.strictObject({ folder: z.string().min(1).max(4096) });

const FOLDER_STATUS: Record<ImportFolderError["code"], number> = { FOLDER_IMPORT_DISABLED: 403, FOLDER_OUTSIDE_IMPORT_ROOT: 403, NOT_A_FOLDER: 400, FOLDER_TOO_LARGE: 413 };

async function folderSource(req: Request): Promise<ImportSource> {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(await readBodyBytes(req, MAX_BODY_BYTES)).toString("utf8"));
  } catch (e) {
    if (e instanceof ServiceError) throw e;
    throw new BadInputError("request body is not valid JSON");
  }
  const parsed = FolderBody.safeParse(body);
  if (!parsed.success) throw new BadInputError("send {\"folder\": \"PATH\"}, a folder inside the import root");
  try {
    const folder = await resolveImportFolder(importRoot(), parsed.data.folder);
    return { ...(await readImportFolder(folder)), label: parsed.data.folder };
  } catch (e) {
    if (e instanceof ImportFolderError) throw new ServiceError(FOLDER_STATUS[e.code], e.code, e.message);
    throw e;
  }
}

export async function importSourceOf(req: Request, actor: Actor | null): Promise<ImportSource> {
  assertCanImport(actor);
  if ((req.headers.get("content-type") ?? "").includes("application/json")) return folderSource(req);
  const name = new URL(req.url).searchParams.get("name") || "upload";
  try {
    return { ...(await readArchive(await readBodyBytes(req, MAX_ARCHIVE_BYTES))), label: name };
  } catch (e) {
    if (e instanceof ArchiveTooLargeError) throw new ServiceError(413, "ARCHIVE_TOO_LARGE", e.message);
    if (e instanceof ArchiveError) throw new BadInputError(e.message);
    throw e;
  }
}

/** The report as sent to the browser: everything but the file contents. */
export function importReport(plan: ImportPlanWithImpact) {
  return {
    registry: plan.registry,
    fingerprint: plan.fingerprint,
    manifests: plan.manifests.map(({ yaml: _yaml, ...m }) => m),
    products: plan.products.map(({ yaml: _yaml, ...p }) => p),
    skipped: plan.skipped,
    violations: plan.violations,
    blockers: plan.blockers,
    impact: plan.impact,
  };
}

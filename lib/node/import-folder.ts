import { constants } from "node:fs";
import { lstat, open, opendir, realpath } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { MAX_IMPORT_FILE_BYTES, type ImportFile } from "../org/import-plan";

/** A folder import reads at most this much: an organisation's configuration is a few MB. */
export interface FolderLimits {
  maxEntries: number;
  maxBytes: number;
  maxDepth: number;
}
export const FOLDER_LIMITS: FolderLimits = { maxEntries: 20_000, maxBytes: 64 * 1024 * 1024, maxDepth: 32 };

export type ImportFolderCode = "FOLDER_IMPORT_DISABLED" | "FOLDER_OUTSIDE_IMPORT_ROOT" | "NOT_A_FOLDER" | "FOLDER_TOO_LARGE";

export class ImportFolderError extends Error {
  constructor(
    readonly code: ImportFolderCode,
    message: string,
  ) {
    super(message);
  }
}

/** System trees a configured import root may never be or lie in. */
const FORBIDDEN_ROOTS = ["/proc", "/sys", "/dev"];

/** Checks a configured import root: an absolute or relative directory path that is not `/` nor a system tree. */
export function checkImportRoot(root: string): string | null {
  const abs = resolve(root);
  if (abs === sep) return "MESH_IMPORT_ROOT must not be the file system root";
  if (FORBIDDEN_ROOTS.some((f) => abs === f || abs.startsWith(f + sep))) return `MESH_IMPORT_ROOT must not be in ${abs.split(sep).slice(0, 2).join(sep)}`;
  return null;
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/**
 * The real path of `requested` (relative to `root`, or absolute) when it is a directory inside the
 * real path of `root`; symbolic links are resolved first, so a link cannot lead out.
 */
export async function resolveImportFolder(root: string | null, requested: string): Promise<string> {
  if (!root) throw new ImportFolderError("FOLDER_IMPORT_DISABLED", "importing from a server folder is switched off (set MESH_IMPORT_ROOT to a directory)");
  const realRoot = await realpath(root).catch(() => {
    throw new ImportFolderError("FOLDER_IMPORT_DISABLED", "importing from a server folder is switched off: the import root directory does not exist");
  });
  if (requested.includes("\0")) throw new ImportFolderError("NOT_A_FOLDER", "not a folder: the name contains a NUL byte");
  const candidate = resolve(realRoot, requested);
  if (!inside(realRoot, candidate)) throw new ImportFolderError("FOLDER_OUTSIDE_IMPORT_ROOT", `${requested} is outside the import root; name a folder inside it`);
  const real = await realpath(candidate).catch(() => {
    throw new ImportFolderError("NOT_A_FOLDER", `not a folder in the import root: ${requested}`);
  });
  if (!inside(realRoot, real)) throw new ImportFolderError("FOLDER_OUTSIDE_IMPORT_ROOT", `${requested} leads outside the import root (symbolic link)`);
  if (!(await lstat(real)).isDirectory()) throw new ImportFolderError("NOT_A_FOLDER", `not a folder in the import root: ${requested}`);
  return real;
}

/**
 * Reads a folder for `planImport`: every regular file (paths relative, `/`-separated), and the
 * paths of everything else (links, devices, a `.git` directory) so the report can list them.
 * Links are never followed; files over the per-file limit are measured, not read. Asynchronous,
 * and bounded: more entries, bytes or depth than `limits` stop the walk with FOLDER_TOO_LARGE.
 */
export async function readImportFolder(root: string, limits: FolderLimits = FOLDER_LIMITS): Promise<{ files: ImportFile[]; others: string[] }> {
  const files: ImportFile[] = [];
  const others: string[] = [];
  let entries = 0;
  let bytes = 0;
  const tooLarge = (what: string) => new ImportFolderError("FOLDER_TOO_LARGE", `the folder has ${what}; an organisation directory is smaller`);
  const walk = async (dir: string, rel: string, depth: number) => {
    if (depth > limits.maxDepth) throw tooLarge(`directories nested deeper than ${limits.maxDepth}`);
    const names: string[] = [];
    for await (const entry of await opendir(dir)) {
      if (++entries > limits.maxEntries) throw tooLarge(`more than ${limits.maxEntries} entries`);
      names.push(entry.name);
    }
    for (const name of names.sort()) {
      const path = join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const stat = await lstat(path);
      if (stat.isDirectory() && name !== ".git") await walk(path, relPath, depth + 1);
      else if (stat.isFile() && stat.size > MAX_IMPORT_FILE_BYTES) files.push({ path: relPath, bytes: new Uint8Array(), size: stat.size });
      else if (stat.isFile()) {
        if ((bytes += stat.size) > limits.maxBytes) throw tooLarge(`more than ${limits.maxBytes} bytes`);
        files.push({ path: relPath, bytes: await readNoFollow(path) });
      } else others.push(stat.isDirectory() ? `${relPath}/` : relPath);
    }
  };
  await walk(root, "", 0);
  return { files, others };
}

/** A file swapped for a link between lstat and open is refused, not followed; reads at most the size limit. */
async function readNoFollow(path: string): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const buffer = new Uint8Array(MAX_IMPORT_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length);
      if (bytesRead === 0 || (length += bytesRead) === buffer.length) break;
    }
    return buffer.slice(0, length);
  } finally {
    await handle.close();
  }
}

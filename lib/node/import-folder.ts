import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_IMPORT_FILE_BYTES, type ImportFile } from "../org/import-plan";

/**
 * Reads a folder for `planImport`: every regular file (paths relative, `/`-separated), and the
 * paths of everything else (links, devices, a `.git` directory) so the report can list them.
 * Files over the size limit are not read, only measured.
 */
export function readImportFolder(root: string): { files: ImportFile[]; others: string[] } {
  const files: ImportFile[] = [];
  const others: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(path);
      if (stat.isDirectory() && name !== ".git") walk(path, relPath);
      else if (stat.isFile()) files.push(stat.size > MAX_IMPORT_FILE_BYTES ? { path: relPath, bytes: new Uint8Array(), size: stat.size } : { path: relPath, bytes: readFileSync(path) });
      else others.push(stat.isDirectory() ? `${relPath}/` : relPath);
    }
  };
  walk(root, "");
  return { files, others };
}

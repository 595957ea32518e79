import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { parseOciRef, refToRelativePath, relativePathToRef, type OciRef } from "../refs";
import type { ManifestSource } from "../resolve/store";

/** The file of a parsed reference in a registry directory; never outside it (parseOciRef refuses traversal, this checks again). */
export function registryFile(registryDir: string, ref: OciRef): string {
  const root = resolve(registryDir);
  const path = resolve(root, refToRelativePath(ref));
  const back = relative(root, path);
  if (!back || back.startsWith("..") || isAbsolute(back)) throw new Error(`reference leads outside ${registryDir}: ${refToRelativePath(ref)}`);
  return path;
}

/**
 * A directory laid out like a registry: `oci://HOST/PATH:TAG` is the file `DIR/HOST/PATH/TAG.yaml`.
 * Files are reported relative to `displayRoot` so violations read well in CI logs.
 */
export function directorySource(registryDir: string, displayRoot = process.cwd()): ManifestSource {
  return (ref) => {
    const parsed = parseOciRef(ref);
    if (!parsed) return null;
    const path = registryFile(registryDir, parsed);
    if (!existsSync(path)) return null;
    return { text: readFileSync(path, "utf8"), file: relative(displayRoot, path) || path };
  };
}

function walk(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, accept, out);
    else if (accept(entry.name)) out.push(path);
  }
  return out;
}

/** Every `floe.yaml` under `ORG/products`, in a stable order. */
export function productFiles(orgDir: string): string[] {
  return walk(join(orgDir, "products"), (n) => n === "floe.yaml");
}

/** Every manifest file in `ORG/registry`, in a stable order. */
export function registryFiles(orgDir: string): string[] {
  return walk(join(orgDir, "registry"), (n) => /\.ya?ml$/.test(n));
}

/** Every manifest in `ORG/registry`, as the `oci://` reference it is published under. */
export function registryRefs(orgDir: string): string[] {
  const root = join(orgDir, "registry");
  return registryFiles(orgDir).map((file) => relativePathToRef(relative(root, file).split(sep).join("/")));
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * An organisation directory as the console's evaluation input: every manifest under its reference,
 * every product keyed by its folder under `products/`; files named relative to the directory, so two
 * checkouts of one organisation (a pull request's base and head) name the same file alike.
 */
export function readOrgInput(orgDir: string): { manifests: { ref: string; text: string; file: string }[]; products: { id: string; text: string; file: string }[] } {
  const root = resolve(orgDir);
  const registryDir = join(root, "registry");
  const manifests = registryRefs(root).map((ref) => {
    const path = registryFile(registryDir, parseOciRef(ref)!);
    return { ref, text: readFileSync(path, "utf8"), file: relative(root, path) };
  });
  const products = productFiles(root).map((path) => ({ id: relative(join(root, "products"), path).split(sep).slice(0, -1).join("/"), text: readFileSync(path, "utf8"), file: relative(root, path) }));
  return { manifests, products };
}

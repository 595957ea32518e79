import { parseOciRef, refToRelativePath } from "../refs";

/**
 * The organisation directory layout is the export format (`mesh check` reads it):
 *   registry/HOST/PATH/TAG.yaml         every published manifest version, bytes exactly as published
 *   products/DOMAIN/NAME/floe.yaml      approved products
 *   pending/DOMAIN/NAME/floe.yaml       products awaiting approval (not checked by `mesh check`)
 */
export interface ExportInput {
  manifests: readonly { ref: string; yaml: string }[];
  products: readonly { name: string; domainName: string; status: "approved" | "pending"; yaml: string }[];
}

export interface ExportFile {
  /** Relative, `/`-separated. */
  path: string;
  text: string;
}

export const PRODUCT_DIRS = { approved: "products", pending: "pending" } as const;

export function manifestPath(ref: string): string {
  const parsed = parseOciRef(ref);
  if (!parsed?.tag) throw new Error(`cannot export ${ref}: not a tagged oci:// reference`);
  return `registry/${refToRelativePath(parsed)}`;
}

export const productPath = (p: ExportInput["products"][number]) => `${PRODUCT_DIRS[p.status]}/${p.domainName}/${p.name}/floe.yaml`;

/** Plain code-unit order: the same on every machine and locale. */
export const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Every file of the export, sorted by path so archives of the same organisation are identical. */
export function exportFiles(input: ExportInput): ExportFile[] {
  const files = [
    ...input.manifests.map((m) => ({ path: manifestPath(m.ref), text: m.yaml })),
    ...input.products.map((p) => ({ path: productPath(p), text: p.yaml })),
  ];
  return files.sort(byPath);
}

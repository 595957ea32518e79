import type { ProvenanceEntry } from "./api";

export interface ProvenanceRow extends ProvenanceEntry {
  path: string;
  value: unknown;
}

/** The value at a dotted path (`plugins.compute`, `transforms.0.name`). */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const seg of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

/** One row per resolved value with where it came from, in path order. */
export function provenanceRows(resolved: Record<string, unknown> | null, provenance: Record<string, ProvenanceEntry>): ProvenanceRow[] {
  return Object.entries(provenance)
    .map(([path, p]) => ({ ...p, path, value: valueAt(resolved, path) }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Compact display of a resolved value. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

import { isAtomicAt } from "./rules";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Leaf values by dotted path. Descends through mappings, stops at lists, scalars and
 * atomic units (a plugin selection is chosen whole).
 */
export function flattenUnits(value: Record<string, unknown>, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(v) && !isAtomicAt(path) && Object.keys(v).length > 0) flattenUnits(v, path, out);
    else out.set(path, v);
  }
  return out;
}

/** Every scalar leaf under a unit, for provenance: lists by index, mappings by key. */
export function leafPaths(path: string, value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => leafPaths(`${path}.${i}`, v, out));
  else if (isRecord(value) && Object.keys(value).length > 0) for (const [k, v] of Object.entries(value)) leafPaths(`${path}.${k}`, v, out);
  else out.push(path);
  return out;
}

/** Rebuilds a nested object from dotted unit paths. */
export function unflatten(units: Map<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of units) {
    const segs = path.split(".");
    let node = root;
    for (let i = 0; i < segs.length - 1; i++) node = (node[segs[i]] ??= {}) as Record<string, unknown>;
    node[segs[segs.length - 1]] = value;
  }
  return root;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

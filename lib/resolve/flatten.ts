import { isAtomicAt } from "./rules";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Keys that would reach `Object.prototype` through an assignment. The YAML reader refuses them
 * already; the merge refuses them again so that no input, however it was built, can pollute.
 */
export const DANGEROUS_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** A mapping the merge walks key by key: every key is safe and none holds a dot (a dot would read as a path). */
function walkable(v: Record<string, unknown>): boolean {
  for (const key of Object.keys(v)) if (key.includes(".")) return false;
  return true;
}

/** Own entries with a value, without dangerous keys. */
export function safeEntries(v: Record<string, unknown>): [string, unknown][] {
  return Object.entries(v).filter(([k, x]) => x !== undefined && x !== null && !DANGEROUS_KEYS.has(k));
}

export interface Units {
  /** Leaf values by dotted path. */
  values: Map<string, unknown>;
  /** Every mapping present in the document (empty ones too), by dotted path: floe fills defaults into these. */
  objects: Set<string>;
}

/**
 * Leaf values by dotted path. Descends through mappings, stops at lists, scalars and atomic units
 * (a plugin selection is chosen whole); a mapping whose keys contain a dot is one unit, never split
 * into a path. An empty mapping is a value only where `keepEmpty` says so: in the enterprise it means
 * floe's defaults (`naming: {}` is enforcement warn) and is kept; in a domain it sets nothing, so it
 * inherits and never overwrites.
 */
export function flattenUnits(value: Record<string, unknown>, options: { keepEmpty?: boolean } = {}, prefix = "", out: Units = { values: new Map(), objects: new Set() }): Units {
  for (const [key, v] of safeEntries(value)) {
    if (!prefix && key.includes(".")) continue; // not a manifest field (floe ignores unknown top-level keys)
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(v) && !isAtomicAt(path) && walkable(v)) {
      out.objects.add(path);
      if (options.keepEmpty && safeEntries(v).length === 0) out.values.set(path, {});
      else flattenUnits(v, options, path, out);
    } else out.values.set(path, clean(v));
  }
  return out;
}

/** A copy of a unit's value without dangerous keys (a unit is taken whole, so its insides are cleaned here). */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (isRecord(v)) return Object.fromEntries(safeEntries(v).map(([k, x]) => [k, clean(x)]));
  return v;
}

/** Every scalar leaf under a unit, for provenance: lists by index, mappings by key. */
export function leafPaths(path: string, value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => leafPaths(`${path}.${i}`, v, out));
  else if (isRecord(value) && walkable(value) && safeEntries(value).length > 0) {
    for (const [k, v] of safeEntries(value)) leafPaths(`${path}.${k}`, v, out);
  } else out.push(path);
  return out;
}

/**
 * Rebuilds a nested object from dotted unit paths. Walks own properties only (never `toString`
 * or another inherited member) and skips dangerous segments, so nothing reaches a prototype.
 */
export function unflatten(units: Map<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  // Only objects built here are written into; a leaf value (shared with the source document) never is.
  const built = new WeakSet<object>([root]);
  next: for (const [path, value] of units) {
    const segs = path.split(".");
    for (const s of segs) if (DANGEROUS_KEYS.has(s)) continue next;
    let node = root;
    for (let i = 0; i < segs.length - 1; i++) {
      const existing = Object.hasOwn(node, segs[i]) ? node[segs[i]] : undefined;
      if (isRecord(existing) && built.has(existing)) node = existing;
      else {
        const child: Record<string, unknown> = {};
        built.add(child);
        node[segs[i]] = child;
        node = child;
      }
    }
    node[segs[segs.length - 1]] = value;
  }
  return root;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The value at a dotted path inside a unit's value ("" is the value itself); own properties only. */
export function valueIn(root: unknown, rest: string): unknown {
  if (!rest) return root;
  let node = root;
  for (const seg of rest.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

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

const sameOrigin = (a: ProvenanceEntry, b: ProvenanceEntry) =>
  a.tier === b.tier && a.ref === b.ref && a.version === b.version && a.locked === b.locked && a.rule === b.rule && !a.rejected && !b.rejected && !a.floeDefault && !b.floeDefault && !a.excepted && !b.excepted;

const isPlain = (v: unknown) => v === null || typeof v !== "object";
const listOf = (path: string) => /^(.*)\.\d+$/.exec(path)?.[1];

/**
 * One row per resolved value with where it came from, in natural path order (`.2` before `.10`).
 * A list of plain values all from one origin (a whitelist, a domain's 500 approved products) is
 * one row, not one per item; a list mixing origins keeps a row per item.
 */
export function provenanceRows(resolved: Record<string, unknown> | null, provenance: Record<string, ProvenanceEntry>): ProvenanceRow[] {
  const entries = Object.entries(provenance);
  // Each list's single origin, or null when its items are not plain or come from several.
  const listOrigin = new Map<string, ProvenanceEntry | null>();
  for (const [path, p] of entries) {
    const list = listOf(path);
    if (list === undefined) continue;
    const seen = listOrigin.get(list);
    if (seen === undefined) {
      // Whether the list holds plain values is checked once per list, not once per item.
      const items = valueAt(resolved, list);
      listOrigin.set(list, Array.isArray(items) && items.every(isPlain) ? p : null);
    } else if (seen !== null && !sameOrigin(seen, p)) listOrigin.set(list, null);
  }
  const rows: ProvenanceRow[] = [];
  const listed = new Set<string>();
  for (const [path, p] of entries) {
    const list = listOf(path);
    if (list === undefined || !listOrigin.get(list)) rows.push({ ...p, path, value: valueAt(resolved, path) });
    else if (!listed.has(list)) {
      listed.add(list);
      rows.push({ ...p, path: list, value: valueAt(resolved, list) });
    }
  }
  return rows.sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
}

/**
 * Why a value is not what a lower tier asked for: "domain asked for 'optional'; rejected
 * (SECURITY_POLICY_OVERRIDE); enterprise value applies". Null when nobody was refused.
 */
export function rejectionNote(p: ProvenanceEntry): string | null {
  if (!p.rejected) return null;
  const applies = p.floeDefault ? `${p.tier} value applies (floe's default)` : `${p.tier} value applies`;
  return `${p.rejected.tier} asked for ${formatValue(p.rejected.value)}; rejected (${p.rejected.code}); ${applies}`;
}

/**
 * A value a time-boxed exception touches: "excepted until 2026-06-30 (granted by cto@acme.example)", or
 * "exception expired on 2026-06-30" once it no longer applies. Null when no exception names it.
 */
export function exceptionNote(p: ProvenanceEntry): string | null {
  if (!p.excepted) return null;
  const by = /\(granted by ([^;)]+)/.exec(p.excepted.reason)?.[1];
  if (p.excepted.state === "expired") return `exception (${p.excepted.policyType}) expired on ${p.excepted.until}; the enterprise value applies again`;
  return `excepted until ${p.excepted.until}${by ? ` (granted by ${by})` : ""}: ${p.excepted.policyType} exception for '${p.excepted.pattern}'`;
}

/** Lists longer than this show their first items and a count. */
const LIST_PREVIEW = 8;

/** Compact display of a resolved value. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every(isPlain)) {
    return value.length > LIST_PREVIEW ? `${value.slice(0, LIST_PREVIEW).join(", ")}, … (${value.length} in all)` : value.join(", ");
  }
  return JSON.stringify(value);
}

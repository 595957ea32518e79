/**
 * The values a change moves, leaf by leaf (`path: before → after`), for the review's "what changes"
 * and the breaking section's "before → after". Lists are compared as whole values (a whitelist is
 * read as one value); keys are walked with own-property reads only, so `__proto__`-ish keys are data.
 */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function valueChanges(before: unknown, after: unknown, path = "", out: ValueChange[] = [], limit = 500): ValueChange[] {
  if (out.length >= limit) return out;
  if (isMapping(before) && isMapping(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const b = Object.hasOwn(before, key) ? before[key] : undefined;
      const a = Object.hasOwn(after, key) ? after[key] : undefined;
      valueChanges(b, a, path ? `${path}.${key}` : key, out, limit);
    }
    return out;
  }
  if (!same(before, after)) out.push({ path, before, after });
  return out;
}

/** The value at a dotted path (own properties only), or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const segment of path.split(".")) {
    if (!isMapping(node) || !Object.hasOwn(node, segment)) return undefined;
    node = node[segment];
  }
  return node;
}

// Small helpers for the property tests: plain checks (thousands of runs make `expect` cost more
// than the code under test) and own-property reads that no hostile key can redirect.

export function assert(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at a dotted path, through own properties only (`__proto__` is a key like any other). */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const seg of path.split(".")) {
    if (!isRecord(node) || !Object.hasOwn(node, seg)) return undefined;
    node = node[seg];
  }
  return node;
}

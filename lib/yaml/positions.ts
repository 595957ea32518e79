import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";

export type PathSegment = string | number;
export interface Position {
  line: number;
  column: number;
}

export function splitPath(path: string): PathSegment[] {
  if (path === "") return [];
  return path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function joinPath(path: readonly PathSegment[]): string {
  return path.join(".");
}

/**
 * A mapping's pairs by key, built once per mapping: a document with 20,000 unknown keys asks for
 * 20,000 positions, and a scan per question made that quadratic (seconds per request).
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as Pair);
    pairIndex.set(map, index);
  }
  return index.get(key);
}

/**
 * Finds the source position of a path: the value node when it exists, else the
 * key, else the deepest ancestor that exists (so a missing field points at its parent).
 */
export function locateIn(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[]): Position {
  let node: unknown = doc.contents;
  let best: Node | null = (doc.contents as Node) ?? null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = pairOf(node, String(seg));
      if (!pair) break;
      node = pair.value ?? pair.key;
      best = ((pair.value as Node) ?? (pair.key as Node)) || best;
    } else if (isSeq(node) && typeof seg === "number" && node.items[seg]) {
      node = node.items[seg];
      best = node as Node;
    } else break;
  }
  const offset = best?.range?.[0] ?? 0;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Position of the key (not the value) at a path; used for "unknown key" errors. */
export function locateKey(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[], key: string): Position {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(node)) node = pairOf(node, String(seg))?.value;
    else if (isSeq(node) && typeof seg === "number") node = node.items[seg];
    else break;
  }
  if (isMap(node)) {
    const pair = pairOf(node, key);
    const range = (pair?.key as Node | undefined)?.range;
    if (range) {
      const pos = lineCounter.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return locateIn(doc, lineCounter, path);
}

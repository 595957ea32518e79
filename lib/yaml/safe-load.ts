import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { dangerousKey, YAML_LIMITS } from "./limits";
import { prescanYaml } from "./prescan";
import { locateIn, locateKey, type PathSegment, type Position } from "./positions";
import { YAML11 } from "./yaml11";

export interface YamlProblem {
  message: string;
  line: number;
  column: number;
  /** `YAML_SYNTAX` for text that is not YAML or that we refuse to read. */
  kind: "syntax" | "hostile";
}

export interface LoadedYaml {
  /** The plain JS value, or undefined when the text could not be read safely. */
  value: unknown;
  problems: YamlProblem[];
  locate(path: readonly PathSegment[]): Position;
  locateKey(path: readonly PathSegment[], key: string): Position;
  /** The parsed document, kept for comment-preserving edits. Absent when refused before parsing. */
  doc?: Document;
}

const nowhere: Position = { line: 1, column: 1 };

function refused(message: string, at: Position = nowhere, kind: YamlProblem["kind"] = "hostile"): LoadedYaml {
  return { value: undefined, problems: [{ message, kind, ...at }], locate: () => at, locateKey: () => at };
}

/**
 * Parses YAML text the way every manifest enters the system: size-bounded, duplicate keys
 * refused, alias expansion bounded, nesting depth bounded, prototype-polluting keys refused,
 * and every problem placed at a line and column.
 */
export function safeLoadYaml(text: string): LoadedYaml {
  const bytes = typeof TextEncoder !== "undefined" ? new TextEncoder().encode(text).length : text.length;
  if (bytes > YAML_LIMITS.maxBytes) {
    return refused(`document is ${bytes} bytes; the limit is ${YAML_LIMITS.maxBytes} bytes (1 MiB)`);
  }
  const tooLarge = prescanYaml(text, YAML_LIMITS);
  if (tooLarge) return refused(tooLarge.message, { line: tooLarge.line, column: tooLarge.column });

  const lineCounter = new LineCounter();
  // The library's own duplicate-key check compares every key with every earlier one (20,000 keys
  // took ~10 s); findHostileNode checks them with one Set per mapping instead.
  const doc = parseDocument(text, { ...YAML11, lineCounter, uniqueKeys: false, prettyErrors: true, strict: true });
  const locate = (path: readonly PathSegment[]) => locateIn(doc, lineCounter, path);
  const locKey = (path: readonly PathSegment[], key: string) => locateKey(doc, lineCounter, path, key);
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    kind: "syntax",
    message: e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
    line: e.linePos?.[0].line ?? 1,
    column: e.linePos?.[0].col ?? 1,
  }));
  if (problems.length) return { value: undefined, problems, locate, locateKey: locKey, doc };

  const hostile = findHostileNode(doc, lineCounter);
  if (hostile) return { value: undefined, problems: [hostile], locate, locateKey: locKey, doc };

  try {
    const value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
    return { value, problems: [], locate, locateKey: locKey, doc };
  } catch (e) {
    return { value: undefined, problems: [{ kind: "hostile", message: `alias expansion refused: ${(e as Error).message}`, ...nowhere }], locate, locateKey: locKey, doc };
  }
}

const DUPLICATE_KEY = "duplicate key: map keys must be unique";

/**
 * Walks the parsed tree once, linearly: nesting depth (exact, after the pre-scan's bound),
 * duplicate keys (one Set per mapping, keys compared as the JS object will hold them), keys that
 * are collections or aliases, and keys with a `__proto__`/`constructor`/`prototype` segment.
 */
function findHostileNode(doc: Document, lineCounter: LineCounter): YamlProblem | null {
  const at = (node: unknown): Position => {
    const p = lineCounter.linePos((node as { range?: number[] } | null)?.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  const walk = (node: unknown, depth: number): YamlProblem | null => {
    if (!isMap(node) && !isSeq(node)) return null; // scalars, and aliases (expansion is bounded by toJS)
    if (depth + 1 > YAML_LIMITS.maxDepth) return { kind: "hostile", message: `nesting deeper than ${YAML_LIMITS.maxDepth} levels is refused`, ...at(node) };
    if (isSeq(node)) {
      for (const item of node.items) {
        const found = walk(item, depth + 1);
        if (found) return found;
      }
      return null;
    }
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = pair.key;
      if (key !== null && !isScalar(key)) {
        const what = isAlias(key) ? "an alias" : "a collection";
        return { kind: "hostile", message: `${what} as a mapping key is not allowed; keys must be plain strings`, ...at(key) };
      }
      // What the key becomes in the JS object (null and ~ both become "").
      const name = key === null || key.value === null || key.value === undefined ? "" : String(key.value);
      const bad = dangerousKey(name);
      if (bad) return { kind: "hostile", message: `key "${name}" is not allowed: its segment "${bad}" could alter object prototypes`, ...at(key ?? pair.value) };
      if (seen.has(name)) return { kind: "syntax", message: DUPLICATE_KEY, ...at(key ?? pair.value) };
      seen.add(name);
      const found = walk(pair.value, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return walk(doc.contents, 0);
}

/**
 * Why YAML text must not even be stored, or null: beyond the pre-scan's bounds (depth, entries), or
 * holding a key that could reach a prototype. For input boundaries; cheap for ordinary text (one
 * linear scan; a full parse only when a forbidden word appears at all).
 */
export function refusedYaml(text: string): YamlProblem | null {
  const bounds = prescanYaml(text, YAML_LIMITS);
  if (bounds) return { kind: "hostile", ...bounds };
  if (!/__proto__|constructor|prototype/.test(text)) return null;
  return safeLoadYaml(text).problems.find((p) => p.kind === "hostile") ?? null;
}

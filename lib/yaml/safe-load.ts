import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from "yaml";
import { FORBIDDEN_KEYS, YAML_LIMITS } from "./limits";
import { locateIn, locateKey, type PathSegment, type Position } from "./positions";

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
 * Flow collections (`[[[[...`) are measured with a linear pre-scan so a deeply nested
 * document is refused before the parser spends time on it. Quotes and comments are skipped.
 */
function flowDepthExceeded(text: string, max: number): Position | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      if (quote === "#") quote = null;
      continue;
    }
    if (quote) {
      if (quote !== "#" && text[i] === quote && text[i - 1] !== "\\") quote = null;
      continue;
    }
    const ch = text[i];
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]))) quote = "#";
    else if (ch === "[" || ch === "{") {
      if (++depth > max) return { line, column: i - lineStart + 1 };
    } else if ((ch === "]" || ch === "}") && depth > 0) depth--;
  }
  return null;
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
  const tooDeep = flowDepthExceeded(text, YAML_LIMITS.maxDepth);
  if (tooDeep) return refused(`nesting deeper than ${YAML_LIMITS.maxDepth} levels is refused`, tooDeep);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const locate = (path: readonly PathSegment[]) => locateIn(doc, lineCounter, path);
  const locKey = (path: readonly PathSegment[], key: string) => locateKey(doc, lineCounter, path, key);
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    kind: "syntax",
    message: e.code === "DUPLICATE_KEY" ? "duplicate key: map keys must be unique" : e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
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

/** Walks the parsed tree once for forbidden keys and block-nesting depth. */
function findHostileNode(doc: Document, lineCounter: LineCounter): YamlProblem | null {
  let found: YamlProblem | null = null;
  const at = (offset: number | undefined) => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  visit(doc, {
    Pair(_, pair, path) {
      if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        found = { kind: "hostile", message: `key "${pair.key.value}" is not allowed (it could alter object prototypes)`, ...at(pair.key.range?.[0]) };
        return visit.BREAK;
      }
      // Collections are at most path.length - 1 of the path: count them only when that bound is exceeded.
      if (path.length - 1 > YAML_LIMITS.maxDepth && path.filter((n) => isMap(n) || isSeq(n)).length > YAML_LIMITS.maxDepth) {
        found = { kind: "hostile", message: `nesting deeper than ${YAML_LIMITS.maxDepth} levels is refused`, ...at((pair.key as { range?: number[] })?.range?.[0]) };
        return visit.BREAK;
      }
    },
  });
  return found;
}

import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";
import { YAML_LIMITS } from "./limits";
import { prescanYaml } from "./prescan";
import { safeLoadYaml, type LoadedYaml } from "./safe-load";
import { PYYAML_IMPLICIT } from "./yaml11";

// Reading thousands of floe.yaml files (an organisation's evaluation, `mesh check`) is mostly YAML
// parsing, and js-yaml 4 reads plain documents about 10× faster than the `yaml` library, which
// builds a full document with positions and comments. The fast reader is taken only for documents
// written in a plain subset where both libraries, with PyYAML's YAML 1.1 scalars, read the same value;
// anything else (and anything js-yaml refuses) goes to safeLoadYaml, which stays the judge of
// what is valid. Positions are computed by safeLoadYaml on first request, for the few documents
// that turn out to have violations.

/** Anywhere, even quoted: escapes, tabs, CRs and prototype-polluting key names. */
const NEVER = /[\\\t\r]|__proto__|constructor|prototype/;
/** The characters a PyYAML implicit scalar (null, bool, int, float, timestamp, `=`) can start with; fast-load.test.ts checks them against PYYAML_IMPLICIT. */
export const IMPLICIT_FIRST = new Set("~nNyYtTfFoO-+.0123456789=");
/**
 * PyYAML's YAML 1.1 implicit scalars, with the very patterns and constructors safeLoadYaml uses
 * (lib/yaml/yaml11.ts), one js-yaml type per tag (js-yaml keeps only the last of several).
 */
function scalar(tag: string) {
  const formats = PYYAML_IMPLICIT.filter((s) => s.tag === tag);
  const formatOf = (s: string | null) => formats.find((f) => f.test.test(s ?? ""));
  return new Type(tag, {
    kind: "scalar",
    // js-yaml asks every type about every plain scalar: names and text are turned away by their first character.
    resolve: (s: string | null) => (!s || IMPLICIT_FIRST.has(s[0])) && formatOf(s) !== undefined,
    construct: (s: string | null) => formatOf(s)!.construct(s ?? ""),
  });
}
const YAML_11 = FAILSAFE_SCHEMA.extend({ implicit: [...new Set(PYYAML_IMPLICIT.map((s) => s.tag))].map(scalar) });

// Character classes for the scan, by char code (ASCII; anything else is plain text).
const TEXT = 0, SPACE = 1, NEWLINE = 2, QUOTE = 3, HASH = 4, OPENER = 5, INDICATOR = 6;
const CLASS = new Uint8Array(128);
CLASS[32] = SPACE;
CLASS[10] = NEWLINE;
for (const c of "\"'") CLASS[c.charCodeAt(0)] = QUOTE;
CLASS[35] = HASH;
// After these a new node starts: `key: x`, `- x`, `[x, y]`.
for (const c of ":-[,") CLASS[c.charCodeAt(0)] = OPENER;
/**
 * At the start of a node: anchors and aliases (& *), tags (!), directives (%), block scalars
 * (| >), flow mappings ({ }), complex keys (?) and reserved indicators (@ `). Inside a plain
 * scalar (`owner: data@acme.example`) they are text.
 */
for (const c of "&*!%|>{}?@`") CLASS[c.charCodeAt(0)] = INDICATOR;
const classOf = (code: number) => (code < 128 ? CLASS[code] : TEXT);

/** True when no node of the text starts with an indicator; quoted strings and comments are skipped. */
function inPlainSubset(text: string): boolean {
  if (NEVER.test(text) || /^(?:---|\.\.\.)|<</m.test(text)) return false;
  // Whether the last character that was not a space (outside quotes) lets a node start here.
  let afterOpener = true;
  let before = NEWLINE;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = classOf(code);
    const nodeStart = afterOpener && (before === SPACE || before === NEWLINE || text[i - 1] === "[" || text[i - 1] === ",");
    if (cls === HASH && (before === SPACE || before === NEWLINE)) {
      const end = text.indexOf("\n", i);
      if (end < 0) return true;
      i = end - 1; // the newline itself is read next
      continue;
    }
    if (nodeStart && cls === QUOTE) {
      // A doubled '' inside single quotes closes and reopens: the same skip.
      const end = text.indexOf(text[i], i + 1);
      if (end < 0) return false;
      i = end;
      afterOpener = false;
      before = TEXT;
      continue;
    }
    if (nodeStart && cls === INDICATOR) return false;
    if (cls === NEWLINE) afterOpener = true;
    else if (cls !== SPACE) afterOpener = cls === OPENER;
    before = cls === SPACE || cls === NEWLINE ? cls : TEXT;
  }
  return true;
}

/** Keys must read as the same string in both: no null, boolean or numeric keys. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const SPECIAL_WORD = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** Below safeLoadYaml's bound, so what passes is within it whichever way depth is counted. */
const FAST_MAX_DEPTH = YAML_LIMITS.maxDepth - 4;
/** Well under the 1 MiB byte limit even at four bytes a character. */
const FAST_MAX_CHARS = YAML_LIMITS.maxBytes / 4;

/**
 * True when every key is a plain identifier, every number is finite and no collection appears
 * twice (an alias the scan missed: safeLoadYaml bounds alias expansion, so it must judge those).
 */
function plainValue(value: unknown, depth = 1, seen = new Set<object>()): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value === null || typeof value !== "object") return true;
  if (seen.has(value) || depth > FAST_MAX_DEPTH) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.every((v) => plainValue(v, depth + 1, seen));
  for (const [key, v] of Object.entries(value)) {
    if (!PLAIN_KEY.test(key) || SPECIAL_WORD.test(key) || !plainValue(v, depth + 1, seen)) return false;
  }
  return true;
}

/** The document's value when it is a mapping in the plain subset, else undefined (exported for tests). */
export function plainMappingOf(text: string): Record<string, unknown> | undefined {
  // The same bounds as safeLoadYaml before js-yaml (recursive too) sees the text.
  if (text.length > FAST_MAX_CHARS || !inPlainSubset(text) || prescanYaml(text, YAML_LIMITS)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: YAML_11 });
  } catch {
    return undefined; // duplicate keys, syntax errors, deep recursion…: safeLoadYaml reports them with positions
  }
  if (value === null || typeof value !== "object" || Array.isArray(value) || !plainValue(value)) return undefined;
  return value as Record<string, unknown>;
}

/**
 * Loads YAML like safeLoadYaml (same value, same problems, same positions), faster for plain
 * mappings. For bulk reads: its `doc` is absent until positions are first asked for.
 */
export function fastLoadYaml(text: string): LoadedYaml {
  const value = plainMappingOf(text);
  if (value === undefined) return safeLoadYaml(text);
  let full: LoadedYaml | undefined;
  const located = () => (full ??= safeLoadYaml(text));
  return {
    value,
    problems: [],
    locate: (path) => located().locate(path),
    locateKey: (path, key) => located().locateKey(path, key),
    get doc() {
      return located().doc;
    },
  };
}

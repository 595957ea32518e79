import { isScalar, Schema, type DocumentOptions, type ParseOptions, type SchemaOptions, type ToStringOptions } from "yaml";

// floe reads YAML with PyYAML's safe_load: YAML 1.1, where unquoted `off`, `yes`, `no`, `on` are
// booleans and `2026-06-01` is a date. The console reads and writes the same dialect, so a value
// means the same thing here as in floe, and every string the console writes that 1.1 would read
// as something else (`off`, `yes`, `0755`, `2026-06-01`) comes out quoted.
//
// The `yaml` library's 1.1 schema is close to PyYAML's but reads more: `y`/`n` as booleans,
// `1e5` and `-.5` as floats, `09` as an int, `2026-6-1` as a date. PyYAML reads all of those as
// strings. Each implicit scalar below uses PyYAML's own resolver pattern (yaml/resolver.py) and
// the `yaml` library's constructors and stringifiers. The fast bulk reader (fast-load.ts) uses
// the same table, so both readers agree by construction.

type Tag = Schema["tags"][number] & { test?: RegExp; format?: string; resolve?: (...args: never[]) => unknown };

/** PyYAML's implicit resolvers, by the `yaml` library's tag and format. */
const PYYAML_TESTS: Record<string, RegExp> = {
  "bool:true": /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  "bool:false": /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  "int:BIN": /^[-+]?0b[0-1_]+$/,
  "int:OCT": /^[-+]?0[0-7_]+$/,
  "int:": /^[-+]?(?:0|[1-9][0-9_]*)$/,
  "int:HEX": /^[-+]?0x[0-9a-fA-F_]+$/,
  "int:TIME": /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/,
  "float:": /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/,
  "float:EXP": /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)[eE][-+][0-9]+$/,
  "float:TIME": /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  "float:NAN": /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  "null:": /^(?:~|null|Null|NULL)?$/,
};

/** PyYAML's timestamp: a date is exactly YYYY-MM-DD; a date-time may have one-digit month, day and hour. */
const TIMESTAMP =
  /^(?:([0-9]{4})-([0-9]{2})-([0-9]{2})|([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)$/;

/** A timestamp as a UTC Date (a time zone offset applied), as PyYAML's constructor reads it; invalid dates are errors there too. */
function timestampOf(source: string, onError: (message: string) => void): Date {
  const m = TIMESTAMP.exec(source)!;
  const [y, mo, d] = m[1] ? [+m[1], +m[2], +m[3]] : [+m[4], +m[5], +m[6]];
  const [h, mi, sec] = m[1] ? [0, 0, 0] : [+m[7], +m[8], +m[9]];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59 || y < 1) onError(`invalid date or time: ${source}`);
  if (m[1]) return day;
  const ms = m[10] ? Math.round(Number(`0.${m[10].padEnd(3, "0").slice(0, 6)}`) * 1000) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (m[12]) t -= (m[12] === "-" ? -1 : 1) * (Number(m[13]) * 60 + Number(m[14] ?? 0)) * 60_000;
  return new Date(t);
}

const keyOf = (t: Tag) => {
  const name = t.tag.replace("tag:yaml.org,2002:", "");
  if (name === "bool") return `bool:${String(t.test).includes("rue") ? "true" : "false"}`;
  if (name === "float" && String(t.test).includes("nan")) return "float:NAN";
  return `${name}:${t.format ?? ""}`;
};

/** The `yaml` library's 1.1 tags with PyYAML's resolution (used as `customTags`). */
function pyyamlTags(tags: Tag[]): Tag[] {
  return tags.map((t) => {
    // !!omap, !!pairs and !!set are read when written explicitly, never chosen for output: the
    // Document API builds new mappings from JS Maps, which 1.1's !!omap would otherwise claim.
    if (["omap", "pairs", "set"].some((n) => t.tag === `tag:yaml.org,2002:${n}`)) return { ...t, identify: undefined } as Tag;
    if (t.tag === "tag:yaml.org,2002:timestamp") return { ...t, test: TIMESTAMP, resolve: (s: string, onError: (m: string) => void) => timestampOf(s, onError) } as Tag;
    const key = keyOf(t);
    // `0_` is octal zero to PyYAML (underscores are dropped first); the library would read NaN.
    if (key === "int:OCT") return { ...t, test: PYYAML_TESTS[key], resolve: (s: string) => { const n = parseInt(s.replace(/[-+_]/g, "").slice(1) || "0", 8); return s[0] === "-" ? -n : n; } } as Tag;
    const test = PYYAML_TESTS[key];
    if (!test || !t.test) return t;
    // JS writes 1e21 and 1e-7; PyYAML reads a float only with a dot: 1.0e+21.
    if (key.startsWith("int:") || key.startsWith("float:")) {
      const stringify = t.stringify as (...args: unknown[]) => string;
      return { ...t, test, stringify: (...args: unknown[]) => stringify(...args).replace(/^([-+]?\d+)([eE])/, "$1.0$2") } as Tag;
    }
    return { ...t, test } as Tag;
  });
}

/** A plain `=` is PyYAML's `!!value`, which safe_load has no constructor for: floe cannot read it. */
const valueTag = {
  tag: "tag:yaml.org,2002:value",
  default: true,
  test: /^=$/,
  resolve: (s: string, onError: (m: string) => void) => {
    onError("a plain '=' is YAML 1.1's !!value, which floe (PyYAML) cannot read; quote it");
    return s;
  },
} as unknown as Tag;

const schemaOptions: SchemaOptions = { schema: "yaml-1.1", customTags: (tags) => [...pyyamlTags(tags as Tag[]), valueTag] };

/** Options for `parseDocument`/`new Document`: YAML 1.1 read as PyYAML reads it. */
export const YAML11: ParseOptions & DocumentOptions & SchemaOptions = { version: "1.1", ...schemaOptions };

/** Output options every writer uses: no folding of long lines, and `[a, b]` without padding. */
export const YAML11_OUTPUT: ToStringOptions = { lineWidth: 0, flowCollectionPadding: false };

/**
 * One PyYAML implicit scalar: the tag it resolves to and its constructor. For readers that are not
 * the `yaml` library (the fast reader): same patterns, same constructors, same values.
 */
export interface ImplicitScalar {
  tag: string;
  test: RegExp;
  construct(source: string): unknown;
}

const built = new Schema({ ...schemaOptions, resolveKnownTags: true } as SchemaOptions);
export const PYYAML_IMPLICIT: ImplicitScalar[] = (built.tags as Tag[])
  .filter((t) => t.default === true && t.test instanceof RegExp)
  .map((t) => ({
    tag: t.tag,
    test: t.test!,
    construct(source: string) {
      // What is an error for the `yaml` library is one here too (the fast reader then defers to it).
      const onError = (message: string) => {
        throw new Error(message);
      };
      const v = (t.resolve as (s: string, onError: (m: string) => void, o: { intAsBigInt: boolean }) => unknown)(source, onError, { intAsBigInt: false });
      return isScalar(v) ? v.value : v;
    },
  }));

import { z } from "zod";

/** floe's strict semver (no `v`, no pre-release) for metadata and plugin versions. */
export const semverString = z.string().regex(/^\d+\.\d+\.\d+$/, "must be a version like 1.2.3 (no 'v', no pre-release)");

/** Kubernetes secret name, as floe validates `connection_secret_ref`. */
export const k8sName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$/, "must be a Kubernetes name (lowercase letters, digits and '-')");

export const RESERVED_NAMES = ["default", "system", "floe", "admin", "root"];

export const openRecord = z.record(z.string(), z.unknown());

// floe validates with pydantic in lax mode: it coerces what YAML gives it where the conversion
// is unambiguous. The console accepts the same inputs and stores the coerced value.

const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
const TRUE_WORDS = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE_WORDS = new Set(["0", "off", "f", "false", "n", "no"]);

/** pydantic `int`: also a numeric string ("90") or an integral float (90.0, which JS reads as 90). */
export const int = (bounds: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.preprocess((v) => (typeof v === "string" && INTEGER_TEXT.test(v) ? Number(v) : v), bounds(z.number().int()));

/** pydantic `float`: also a numeric string ("0.25"). */
export const num = (bounds: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.preprocess((v) => (typeof v === "string" && NUMBER_TEXT.test(v) ? Number(v) : v), bounds(z.number()));

/** pydantic `bool`: also "yes"/"no"/"on"/"off"/"true"/"1"… as strings, and 0 or 1. */
export const bool = () =>
  z.preprocess((v) => {
    if (typeof v === "string") {
      const w = v.trim().toLowerCase();
      return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : v;
    }
    return v === 1 ? true : v === 0 ? false : v;
  }, z.boolean());

/** floe's `X | None = None`: an explicit null (what floe's own `model_dump()` writes) means absent. */
export const orNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/** An ISO date (`expires: 2026-06-01`, read as a date by YAML 1.1, or quoted): stored as "YYYY-MM-DD". */
export const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) && v.getUTCHours() + v.getUTCMinutes() + v.getUTCSeconds() + v.getUTCMilliseconds() === 0 ? v.toISOString().slice(0, 10) : v),
  z
    .string({ error: (i) => (i.input instanceof Date ? "Datetimes provided to dates should have zero time - e.g. be exact dates" : "must be a date like 2026-06-01") })
    .transform((s) => s.replace(/T00:00:00(?:\.0+)?(?:Z|[+-]00:?00)?$/, ""))
    .pipe(z.iso.date({ error: (i) => (/^\d{4}-\d{2}-\d{2}T/.test(String(i.input)) ? "Datetimes provided to dates should have zero time - e.g. be exact dates" : "must be a valid date like 2026-06-01") })),
);

/**
 * Whether Python's `re.compile` (what floe runs) accepts a pattern, checked with the JS engine:
 * Python's named groups are respelled, and what Python refuses but JS allows is refused first.
 * Returns the error, or null.
 */
export function regexError(pattern: string): string | null {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== "\\") continue;
    const next = pattern[++i] ?? "";
    if (/[a-zA-Z]/.test(next) && !"abBdDfnrsStvwWZAxuUN".includes(next)) return `bad escape \\${next}`;
  }
  if (/\(\?<(?![=!])/.test(pattern)) return "unknown extension ?< (Python spells named groups (?P<name>...))";
  try {
    new RegExp(pattern.replace(/\(\?P</g, "(?<").replace(/\(\?P=(\w+)\)/g, "\\k<$1>"));
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, "");
  }
}

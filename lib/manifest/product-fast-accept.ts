import type { FloeSpec } from "./schema/product";

// zod is a third of a bulk read (`mesh check`, an organisation's evaluation): it builds a parse
// context, issues and copies for every field of every product. Most products are plain, valid
// FloeSpecs, so the bulk readers first try this accept-only check of productSchema's common subset:
// it either returns exactly what productSchema.safeParse + plainData would (same keys, in the
// schema's order, nulls of optional fields dropped) or gives up, and zod judges (and words every
// problem). It never rejects. What it does not know (destinations, output ports, quality-check
// parameters, pydantic's lax coercions such as "yes" for true or "90" for 90, dates) it leaves to
// zod. lib/manifest/parse-bulk.property.test.ts holds it to zod's verdicts.

/** Returned by a field check that cannot vouch for the value. */
const GIVE_UP = Symbol("give up");
/** An `orNull` field holding null: valid, and absent from the output. */
const OMIT = Symbol("omit");
type Check = (v: unknown) => unknown;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

const string =
  (min = 0, max = Infinity, pattern?: RegExp): Check =>
  (v) =>
    typeof v === "string" && v.length >= min && v.length <= max && (!pattern || pattern.test(v)) ? v : GIVE_UP;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === "string" && values.includes(v) ? v : GIVE_UP;
/** floe's `X | None = None`. */
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null ? OMIT : check(v);
/** A strict boolean only: pydantic's lax words and 0/1 are zod's to coerce. */
const boolean: Check = (v) => (typeof v === "boolean" ? v : GIVE_UP);

function array(item: Check, min = 0): Check {
  return (v) => {
    if (!Array.isArray(v) || v.length < min) return GIVE_UP;
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) if ((out[i] = item(v[i])) === GIVE_UP || out[i] === OMIT) return GIVE_UP;
    return out;
  };
}

function stringRecord(v: unknown): unknown {
  if (!isPlainObject(v)) return GIVE_UP;
  const out: Record<string, string> = {};
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (typeof x !== "string" || k === "__proto__") return GIVE_UP;
    out[k] = x;
  }
  return out;
}

/** A strict object: every key known; the output lists the schema's keys in the schema's order. */
function strict(fields: Record<string, { check: Check; required?: boolean }>): Check {
  const names = Object.keys(fields);
  const known = new Set(names);
  return (v) => {
    if (!isPlainObject(v)) return GIVE_UP;
    for (const k of Object.keys(v)) if (!known.has(k)) return GIVE_UP;
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const field = fields[name];
      if (!Object.hasOwn(v, name)) {
        if (field.required) return GIVE_UP;
        continue;
      }
      const r = field.check(v[name]);
      if (r === GIVE_UP) return GIVE_UP;
      if (r !== OMIT) out[name] = r;
    }
    return out;
  };
}
const req = (check: Check) => ({ check, required: true });
const opt = (check: Check) => ({ check });

const DBT_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SEMVER = /^\d+\.\d+\.\d+$/;

const qualityCheck = strict({
  name: req(string(1)),
  type: req(string(1)),
  column: opt(orNull(string())),
  dimension: req(oneOf("completeness", "accuracy", "validity", "consistency", "timeliness")),
  severity: opt(oneOf("critical", "warning", "info")),
  custom_weight: opt(orNull((v) => (typeof v === "number" && Number.isFinite(v) && v >= 0.1 && v <= 10 ? v : GIVE_UP))),
  enabled: opt(boolean),
});

const transform = strict({
  name: req(string(1, 128, DBT_NAME)),
  compute: opt(orNull(string(1))),
  tags: opt(orNull(array(string()))),
  dependsOn: opt(orNull(array(string()))),
  tier: opt(orNull(oneOf("bronze", "silver", "gold"))),
  qualityChecks: opt(orNull(array(qualityCheck))),
});

const metadata = strict({
  name: req(string(1, 63, /^[a-z][a-z0-9-]*$/)),
  version: req(string(0, Infinity, SEMVER)),
  description: opt(orNull(string(0, 500))),
  owner: opt(orNull(string(1))),
  labels: opt(orNull(stringRecord)),
});

const spec = strict({
  apiVersion: req((v) => (v === "floe.dev/v1" ? v : GIVE_UP)),
  kind: req((v) => (v === "FloeSpec" ? v : GIVE_UP)),
  metadata: req(metadata),
  platform: opt(orNull(strict({ manifest: req(string(1)) }))),
  transforms: req(array(transform, 1)),
  schedule: opt(orNull(strict({ cron: opt(orNull(string())), timezone: opt(string()), enabled: opt(boolean) }))),
  // Output ports always carry floe's forbidden `schema` key, destinations have refinements and coercions: zod's.
  outputPorts: opt((v) => (v === null ? OMIT : GIVE_UP)),
  destinations: opt((v) => (v === null ? OMIT : GIVE_UP)),
});

/**
 * The validated FloeSpec (as productSchema.safeParse + plainData give it) when the normalised
 * document is a plain, valid one in the common subset; undefined when zod must judge.
 */
export function acceptPlainProduct(value: unknown): FloeSpec | undefined {
  const out = spec(value);
  if (out === GIVE_UP || out === OMIT) return undefined;
  // productSchema's superRefine: duplicate transform names are zod's to report.
  const names = new Set<unknown>();
  for (const t of (out as FloeSpec).transforms) {
    if (names.has(t.name)) return undefined;
    names.add(t.name);
  }
  return out as FloeSpec;
}

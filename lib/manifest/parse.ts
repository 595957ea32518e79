import type { z } from "zod";
import { isScalar } from "yaml";
import type { Severity, Tier, Violation, ViolationCode } from "../violations";
import { safeLoadYaml, type LoadedYaml } from "../yaml/safe-load";
import { joinPath, splitPath, type PathSegment, type Position } from "../yaml/positions";
import { normaliseManifest, normaliseProduct, type Normalised } from "./normalise";
import { checkManifestScope } from "./scope-rules";
import { findSecrets } from "./secrets";
import { ENVIRONMENT_KEYS, KNOWN_MANIFEST_KEYS, manifestSchema, type Manifest } from "./schema/manifest";
import { FORBIDDEN_PRODUCT_KEYS, productSchema, type FloeSpec } from "./schema/product";
import { keysAt, nearestKey } from "./suggest";

interface ParsedBase {
  file: string;
  /** The `oci://` reference this document was loaded as (manifests only). */
  ref: string | null;
  text: string;
  violations: Violation[];
  /** Line and column of a dotted path in the normalised document, mapped back to the source. */
  locate(path: string): Position;
  yaml: LoadedYaml;
}
export interface ParsedManifest extends ParsedBase {
  kind: "manifest";
  manifest: Manifest | null;
  tier: Tier;
}
export interface ParsedProduct extends ParsedBase {
  kind: "product";
  product: FloeSpec | null;
}

export interface ParseOptions {
  ref?: string | null;
  /** The text already loaded by `safeLoadYaml` (parseAny reads it once to pick the parser). */
  loaded?: LoadedYaml;
  /**
   * Products only: a quicker judge tried before zod, which returns productSchema's output for a
   * valid product or undefined to let zod decide (lib/manifest/product-fast-accept.ts).
   */
  accept?: (normalised: unknown) => FloeSpec | undefined;
}

type Emit = (code: ViolationCode, severity: Severity, path: PathSegment[], message: string, at?: Position) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The tag of `oci://…/name:1.2.0`, used as a version when an ADR-style manifest has no metadata. */
function fallbackIdentity(file: string, ref: string | null | undefined, defaultName: string) {
  const tag = ref?.match(/:v?(\d+\.\d+\.\d+)$/)?.[1] ?? "0.0.0";
  const fromRef = ref?.replace(/^oci:\/\/[^/]+\//, "").replace(/[:@].*$/, "").split("/").pop();
  const parts = file.split(/[\\/]/).filter(Boolean);
  const fromFile = parts.length > 1 ? parts[parts.length - 2] : parts[0]?.replace(/\.ya?ml$/, "");
  const name = (fromRef ?? fromFile ?? defaultName).toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "") || defaultName;
  return { name, version: tag };
}

function setup(text: string, file: string, ref: string | null, tier: Tier | null, loaded?: LoadedYaml) {
  const yaml = loaded ?? safeLoadYaml(text);
  const violations: Violation[] = [];
  let rewrites: Normalised["rewrites"] = [];
  // Normalised paths map back to where the user wrote them (shorthand keys, renamed fields).
  const toSource = (path: readonly PathSegment[]): PathSegment[] => {
    const key = joinPath(path);
    for (const r of rewrites) {
      const prefix = joinPath(r.path);
      if (key === prefix || key.startsWith(prefix + ".")) return [...r.sourcePath, ...path.slice(r.path.length)];
    }
    return [...path];
  };
  const locatePath = (path: readonly PathSegment[]) => yaml.locate(toSource(path));
  const emit: Emit = (code, severity, path, message, at) => {
    const pos = at ?? locatePath(path);
    violations.push({ code, severity, path: joinPath(path), tier, ref, file, message, line: pos.line, column: pos.column });
  };
  for (const p of yaml.problems) violations.push({ code: "YAML_SYNTAX", severity: "error", path: "", tier, ref, file, message: p.message, line: p.line, column: p.column });
  /** The scalar as written (`off`, not false), for messages. */
  const sourceOf = (path: readonly PathSegment[]): string | undefined => {
    const node = yaml.doc?.getIn(toSource(path), true);
    return isScalar(node) && typeof node.source === "string" ? node.source : undefined;
  };
  return {
    yaml,
    violations,
    emit,
    sourceOf,
    locate: (path: string) => locatePath(splitPath(path)),
    setRewrites(n: Normalised) {
      rewrites = n.rewrites;
      for (const r of n.rewrites) if (!r.accepted) emit("FLOE_COMPAT", "warning", r.path, r.message);
    },
  };
}

/**
 * Why a value that looks like a string is not one: floe reads YAML 1.1 (PyYAML), where unquoted
 * `off`, `yes`, `2026-06-01` or `1.0` are a boolean, a date or a number. Says so, with the fix.
 */
function dialectHint(issue: z.core.$ZodIssue, source: string | undefined): string {
  const input = (issue as { input?: unknown }).input;
  const wantedText = issue.code === "invalid_value" || (issue.code === "invalid_type" && issue.expected === "string");
  if (!wantedText || input === null || input === undefined || typeof input === "string" || typeof input === "object" && !(input instanceof Date)) return "";
  const word = source ?? String(input);
  const kind = typeof input === "boolean" ? `the boolean ${input}` : input instanceof Date ? "a date" : "a number";
  return `; floe reads YAML 1.1, where unquoted ${word} is ${kind}: quote it ("${word}") to mean the text`;
}

/** Turns zod issues into violations at the right line, with "did you mean" for unknown keys. */
function reportSchemaIssues(
  issues: z.core.$ZodIssue[],
  schema: z.core.$ZodType,
  emit: Emit,
  locateKey: (path: PathSegment[], key: string) => Position,
  skip: (i: z.core.$ZodIssue) => boolean,
  sourceOf: (path: PathSegment[]) => string | undefined,
) {
  for (const issue of issues) {
    if (skip(issue)) continue;
    const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
    const where = path.length ? `${joinPath(path)}: ` : "";
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const hint = nearestKey(key, keysAt(schema, path));
        emit("SCHEMA", "error", [...path, key], `${where}unknown key '${key}'${hint ? `; did you mean '${hint}'?` : ""}`, locateKey(path, key));
      }
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      emit("SCHEMA", "error", path, `${where}missing required field`);
    } else {
      emit("SCHEMA", "error", path, `${where}${issue.message}${dialectHint(issue, sourceOf(path))}`);
    }
  }
}

/** A YAML 1.1 date as text: "2026-06-01", or the full ISO form when it has a time. */
const dateText = (d: Date) => (Number.isNaN(d.getTime()) ? String(d) : d.toISOString().replace(/T00:00:00\.000Z$/, ""));

/**
 * The validated document as plain data: zod leaves `key: undefined` where floe's null meant
 * "absent" (orNull), dropped so absent is absent; dates YAML 1.1 read in free-form values
 * (`config: {start: 2026-06-01}`) become their ISO text, so merging and JSON keep them.
 */
function plainData<T>(value: T): T {
  if (Array.isArray(value)) value.forEach((v, i) => (value[i] = v instanceof Date ? dateText(v) : plainData(v)));
  else if (isRecord(value)) {
    const record: Record<string, unknown> = value;
    for (const k of Object.keys(record)) {
      const v = record[k];
      if (v === undefined) delete record[k];
      else if (v instanceof Date) record[k] = dateText(v);
      else plainData(v);
    }
  }
  return value;
}

/** Plaintext secrets anywhere in the document as written (every key, every depth), at their source position. */
function reportSecrets(value: unknown, s: { emit: Emit; yaml: LoadedYaml }) {
  for (const secret of findSecrets(value)) s.emit("PLAINTEXT_SECRET", "error", secret.path, secret.message, s.yaml.locate(secret.path));
}

/** Parses a platform manifest (enterprise, domain or 2-tier) into floe's normalised form. */
export function parseManifest(text: string, file: string, options: ParseOptions = {}): ParsedManifest {
  const ref = options.ref ?? null;
  const s = setup(text, file, ref, null, options.loaded);
  const base = { file, ref, text, yaml: s.yaml, violations: s.violations, locate: s.locate };
  const value = s.yaml.value;
  if (s.yaml.problems.length) return { ...base, kind: "manifest", manifest: null, tier: "platform" };
  if (!isRecord(value)) {
    s.emit("SCHEMA", "error", [], "a manifest must be a YAML mapping");
    return { ...base, kind: "manifest", manifest: null, tier: "platform" };
  }
  const normalised = normaliseManifest(value, fallbackIdentity(file, ref, "platform"));
  s.setRewrites(normalised);
  reportSecrets(value, s);
  const doc = normalised.value;
  for (const key of Object.keys(doc)) {
    if (KNOWN_MANIFEST_KEYS.includes(key)) continue;
    if (ENVIRONMENT_KEYS.includes(key)) {
      s.emit("SCHEMA", "error", [key], `Environment-specific fields are not allowed in manifests: ['${key}']; a manifest must be the same in every environment`, s.yaml.locateKey([], key));
    } else {
      const hint = nearestKey(key, KNOWN_MANIFEST_KEYS);
      s.emit("SCHEMA", "warning", [key], `unknown top-level field '${key}' will be ignored by floe${hint ? `; did you mean '${hint}'?` : ""}`, s.yaml.locateKey([], key));
    }
  }
  const parsed = manifestSchema.safeParse(doc, { reportInput: true });
  const tier: Tier = doc.scope === "enterprise" ? "enterprise" : doc.scope === "domain" ? "domain" : "platform";
  s.violations.forEach((v) => (v.tier = tier));
  if (!parsed.success) {
    reportSchemaIssues(parsed.error.issues, manifestSchema, s.emit, s.yaml.locateKey, () => false, s.sourceOf);
    s.violations.forEach((v) => (v.tier = tier));
    return { ...base, kind: "manifest", manifest: null, tier };
  }
  const manifest = plainData(parsed.data);
  checkManifestScope(manifest, s.emit, (key) => s.yaml.locateKey([], key));
  s.violations.forEach((v) => (v.tier = tier));
  return { ...base, kind: "manifest", manifest, tier };
}

/** Keys floe refuses anywhere in a floe.yaml, found with their paths (one shared stack; copied only on a hit). */
function forbiddenProductKeys(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      path.push(i);
      forbiddenProductKeys(v, path, out);
      path.pop();
    });
  else if (isRecord(value))
    for (const k in value) {
      path.push(k);
      if (FORBIDDEN_PRODUCT_KEYS.has(k.toLowerCase())) out.push([...path]);
      forbiddenProductKeys(value[k], path, out);
      path.pop();
    }
  return out;
}

/** Parses a data product's `floe.yaml` (FloeSpec). */
export function parseProduct(text: string, file: string, options: Pick<ParseOptions, "loaded" | "accept"> = {}): ParsedProduct {
  const s = setup(text, file, null, "product", options.loaded);
  const base = { file, ref: null, text, yaml: s.yaml, violations: s.violations, locate: s.locate };
  const value = s.yaml.value;
  if (s.yaml.problems.length) return { ...base, kind: "product", product: null };
  if (!isRecord(value)) {
    s.emit("SCHEMA", "error", [], "floe.yaml must be a YAML mapping");
    return { ...base, kind: "product", product: null };
  }
  const normalised = normaliseProduct(value, fallbackIdentity(file, null, "product"));
  s.setRewrites(normalised);
  reportSecrets(value, s);
  for (const path of forbiddenProductKeys(normalised.value)) {
    const key = String(path[path.length - 1]);
    const outputPortSchema = path.length === 3 && path[0] === "outputPorts" && key === "schema";
    const why = outputPortSchema
      ? "floe-core refuses every `schema` key, its own outputPorts[].schema included, so floe cannot read an output port today; keep the columns in datacontract.yaml"
      : "connection settings belong in the platform manifest and its secret references";
    s.emit("SCHEMA", "error", path, `Environment-specific fields are not allowed in FloeSpec: '${key}' (${why})`, s.yaml.locateKey(path.slice(0, -1), key));
  }
  const accepted = options.accept?.(normalised.value);
  if (accepted) return { ...base, kind: "product", product: s.violations.some((v) => v.severity === "error") ? null : accepted };
  const parsed = productSchema.safeParse(normalised.value, { reportInput: true });
  if (!parsed.success) {
    const skipAbsent = (i: z.core.$ZodIssue) => Boolean(normalised.transformsAbsent) && i.path.length === 1 && i.path[0] === "transforms" && i.code === "too_small";
    reportSchemaIssues(parsed.error.issues, productSchema, s.emit, s.yaml.locateKey, skipAbsent, s.sourceOf);
    if (s.violations.some((v) => v.severity === "error")) return { ...base, kind: "product", product: null };
    return { ...base, kind: "product", product: normalised.value as FloeSpec };
  }
  return { ...base, kind: "product", product: s.violations.some((v) => v.severity === "error") ? null : plainData(parsed.data) };
}


/** Decides by `kind` (or by shape, for the ADR's header-less examples) which parser applies. */
export function parseAny(text: string, file: string, options: ParseOptions = {}): ParsedManifest | ParsedProduct {
  const loaded = safeLoadYaml(text);
  const probe = loaded.value;
  const looksLikeProduct = isRecord(probe) && (probe.kind === "FloeSpec" || (probe.kind === undefined && (probe.transforms !== undefined || probe.platform !== undefined)));
  return looksLikeProduct ? parseProduct(text, file, { loaded }) : parseManifest(text, file, { ...options, loaded });
}

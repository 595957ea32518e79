import type { PathSegment } from "../yaml/positions";
import { PLUGIN_CATEGORIES } from "./schema/plugins";

/** A shorthand rewritten into floe's form, reported as a FLOE_COMPAT warning at the source. */
export interface Rewrite {
  /** Where the value now lives in the normalised document. */
  path: PathSegment[];
  /** Where it was written in the source (for line and column). */
  sourcePath: PathSegment[];
  message: string;
  /**
   * A spelling floe accepts too (`api_version`, `depends_on`, flat `resource_presets`): read
   * silently, only written in the canonical form when published.
   */
  accepted?: boolean;
}

export interface Normalised {
  value: Record<string, unknown>;
  rewrites: Rewrite[];
  /** `transforms` was absent (the ADR's examples omit it); floe requires at least one. */
  transformsAbsent?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * floe's models set `populate_by_name`: a field's Python name is accepted for its alias
 * (`api_version` for `apiVersion`). Renamed in place, unless both spellings are present (then
 * floe sees the second as an unknown key, and so does the console).
 */
function acceptFieldName(obj: Record<string, unknown>, name: string, alias: string, at: PathSegment[], rewrites: Rewrite[]): Record<string, unknown> {
  if (!(name in obj) || alias in obj) return obj;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k === name ? alias : k] = v;
  rewrites.push({ path: [...at, alias], sourcePath: [...at, name], message: `floe's field name \`${name}\` is written \`${alias}\``, accepted: true });
  return out;
}

const FLAT_PRESET_KEYS = ["cpu_request", "memory_request", "cpu_limit", "memory_limit"];

/** floe's ManifestResourcePreset reads the demo manifest's flat keys when all four are present (and then only those). */
function normalisePresets(presets: Record<string, unknown>, rewrites: Rewrite[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(presets)) {
    if (isRecord(p) && FLAT_PRESET_KEYS.every((k) => k in p)) {
      out[name] = { requests: { cpu: p.cpu_request, memory: p.memory_request }, limits: { cpu: p.cpu_limit, memory: p.memory_limit } };
      rewrites.push({ path: ["resource_presets", name], sourcePath: ["resource_presets", name], message: "floe's flat preset keys are written as `requests: {cpu, memory}` and `limits: {cpu, memory}`", accepted: true });
    } else out[name] = p;
  }
  return out;
}

function fillHeader(doc: Record<string, unknown>, kind: "Manifest" | "FloeSpec", rewrites: Rewrite[], metadata: () => Record<string, unknown>) {
  if (doc.apiVersion === undefined) {
    doc.apiVersion = "floe.dev/v1";
    rewrites.push({ path: ["apiVersion"], sourcePath: [], message: "floe-core requires `apiVersion: floe.dev/v1`" });
  }
  if (doc.kind === undefined) {
    doc.kind = kind;
    rewrites.push({ path: ["kind"], sourcePath: [], message: `floe-core requires \`kind: ${kind}\`` });
  }
  if (doc.metadata === undefined) {
    doc.metadata = metadata();
    rewrites.push({ path: ["metadata"], sourcePath: [], message: "floe-core requires `metadata` with name, version" + (kind === "Manifest" ? " and owner" : "") });
  }
}

/**
 * Accepts ADR-0038's shorthand for a platform manifest and rewrites it into floe-core's
 * shape: `compute: snowflake` → `compute: {type: snowflake}`, `plugins.observability` →
 * `plugins.telemetry_backend`, and a missing header filled in. Input is never mutated.
 */
export function normaliseManifest(input: Record<string, unknown>, fallback: { name: string; version: string }): Normalised {
  const rewrites: Rewrite[] = [];
  const doc: Record<string, unknown> = acceptFieldName({ ...input }, "api_version", "apiVersion", [], rewrites);
  if (isRecord(doc.resource_presets)) doc.resource_presets = normalisePresets(doc.resource_presets, rewrites);
  fillHeader(doc, "Manifest", rewrites, () => ({ name: fallback.name, version: fallback.version, owner: "unknown" }));
  if (doc.plugins === undefined) {
    doc.plugins = {};
    rewrites.push({ path: ["plugins"], sourcePath: [], message: "floe-core requires a `plugins` section (it may be empty)" });
  } else if (isRecord(doc.plugins)) {
    const plugins: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(doc.plugins)) {
      const category = key === "observability" ? "telemetry_backend" : key;
      if (category !== key) {
        rewrites.push({ path: ["plugins", category], sourcePath: ["plugins", key], message: "floe-core names this category `telemetry_backend`, not `observability`" });
      }
      if (typeof value === "string" && (PLUGIN_CATEGORIES as readonly string[]).includes(category)) {
        plugins[category] = { type: value };
        rewrites.push({ path: ["plugins", category, "type"], sourcePath: ["plugins", key], message: `floe-core expects \`${category}: {type: ${value}}\`, not a bare string` });
      } else plugins[category] = value;
    }
    doc.plugins = plugins;
  }
  if (isRecord(doc.approved_plugins)) {
    const approved: Record<string, unknown> = {};
    for (const [category, list] of Object.entries(doc.approved_plugins)) {
      approved[category] = typeof list === "string" ? [list] : list;
      if (typeof list === "string") rewrites.push({ path: ["approved_plugins", category], sourcePath: ["approved_plugins", category], message: `floe-core expects a list: \`${category}: [${list}]\`` });
    }
    doc.approved_plugins = approved;
  }
  return { value: doc, rewrites };
}

/** A dbt-style name from the ADR's `{type, path}` transform: `dbt` + `models/` → `dbt_models`. */
function transformName(t: Record<string, unknown>, index: number): string {
  const base = [t.type, typeof t.path === "string" ? t.path.split("/").filter(Boolean).pop() : undefined]
    .filter((s): s is string => typeof s === "string" && s.length > 0)
    .join("_")
    .replace(/[^a-zA-Z0-9_]/g, "_");
  return /^[a-zA-Z_]/.test(base) ? base : `transform_${index + 1}`;
}

/**
 * Accepts the ADR's `floe.yaml` shorthand: `platform.ref` → `platform.manifest`, transforms
 * written as `{type, path}` get a `name` (floe-core requires one), a missing header is filled in.
 */
export function normaliseProduct(input: Record<string, unknown>, fallback: { name: string; version: string }): Normalised {
  const rewrites: Rewrite[] = [];
  let doc: Record<string, unknown> = acceptFieldName({ ...input }, "api_version", "apiVersion", [], rewrites);
  doc = acceptFieldName(doc, "output_ports", "outputPorts", [], rewrites);
  if (Array.isArray(doc.transforms))
    doc.transforms = doc.transforms.map((t, i) => {
      if (!isRecord(t)) return t;
      const named = acceptFieldName(t, "depends_on", "dependsOn", ["transforms", i], rewrites);
      return acceptFieldName(named, "quality_checks", "qualityChecks", ["transforms", i], rewrites);
    });
  fillHeader(doc, "FloeSpec", rewrites, () => ({ name: fallback.name, version: fallback.version }));
  if (isRecord(doc.platform) && doc.platform.ref !== undefined && doc.platform.manifest === undefined) {
    const { ref, ...rest } = doc.platform;
    doc.platform = { ...rest, manifest: ref };
    rewrites.push({ path: ["platform", "manifest"], sourcePath: ["platform", "ref"], message: "floe-core names the platform reference `platform.manifest`, not `platform.ref`" });
  }
  let transformsAbsent = false;
  if (doc.transforms === undefined) {
    transformsAbsent = true;
    doc.transforms = [];
    rewrites.push({ path: ["transforms"], sourcePath: [], message: "floe-core requires at least one entry in `transforms`" });
  } else if (Array.isArray(doc.transforms)) {
    doc.transforms = doc.transforms.map((t, i) => {
      if (!isRecord(t) || t.name !== undefined || (t.type === undefined && t.path === undefined)) return t;
      const { type: _type, path: _path, ...rest } = t;
      const name = transformName(t, i);
      rewrites.push({
        path: ["transforms", i, "name"],
        sourcePath: ["transforms", i],
        message: `floe-core expects transforms as \`{name, tier?, dependsOn?}\` (dbt models are found by name), not \`{type, path}\`; loaded as name \`${name}\``,
      });
      return { ...rest, name };
    });
  }
  return { value: doc, rewrites, transformsAbsent };
}

import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Pair, type YAMLMap } from "yaml";
import { safeLoadYaml } from "../yaml/safe-load";
import { YAML11, YAML11_OUTPUT } from "../yaml/yaml11";
import { normaliseManifest, normaliseProduct } from "./normalise";
import { PLUGIN_CATEGORIES } from "./schema/plugins";

// What the console publishes is what floe-core reads: the ADR's shorthand (and floe's accepted
// alternate spellings) written out in floe's own form, on the YAML document itself so comments
// and key order survive. The rewrites are the ones parsing reports (lib/manifest/normalise.ts),
// so the author is told exactly what was normalised.

export interface Canonical {
  yaml: string;
  /** One line per rewrite ("floe-core names this category `telemetry_backend`…"); empty when the text was already canonical. */
  normalised: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const keyPair = (map: YAMLMap<unknown, unknown>, key: string): Pair | undefined => map.items.find((p) => isScalar(p.key) && p.key.value === key);

/** Renames `from` to `to` in place (value and comments kept), unless `to` is already there. */
function renameKey(map: YAMLMap<unknown, unknown>, from: string, to: string) {
  const pair = keyPair(map, from);
  if (pair && !keyPair(map, to)) (pair.key as Scalar).value = to;
}

/** Inserts `key: value` before the pair at `index` (the header goes first, in floe's order). */
function insertAt(doc: Document, map: YAMLMap<unknown, unknown>, index: number, key: string, value: unknown) {
  const pair = doc.createPair(key, value) as Pair<Scalar, unknown>;
  const first = map.items[0]?.key;
  // A comment at the top of the file belongs to the file, not to the key it happened to precede.
  if (index === 0 && isScalar(first) && first.commentBefore) {
    pair.key.commentBefore = first.commentBefore;
    first.commentBefore = undefined;
  }
  map.items.splice(index, 0, pair);
}

/**
 * The manifest text in floe-core's canonical form: `apiVersion`/`kind`/`metadata` present,
 * `plugins` present, `plugins.observability` → `plugins.telemetry_backend`, bare plugin strings →
 * `{type}`, single approved plugins → lists, flat resource presets → `requests`/`limits`,
 * `api_version` → `apiVersion`. `identity` fills a missing `metadata`. Text that is not a YAML
 * mapping is returned unchanged (validation reports it).
 */
export function canonicalManifest(text: string, identity: { name: string; version: string; owner: string }): Canonical {
  // Read with every limit first: only text safeLoadYaml accepts is rewritten.
  const loaded = safeLoadYaml(text);
  if (loaded.problems.length || !isRecord(loaded.value)) return { yaml: text, normalised: [] };
  const { rewrites } = normaliseManifest(loaded.value, identity);
  if (rewrites.length === 0) return { yaml: text, normalised: [] };
  const doc = parseDocument(text, YAML11) as Document;
  const root = doc.contents;
  if (doc.errors.length || !isMap(root)) return { yaml: text, normalised: [] };

  renameKey(root, "api_version", "apiVersion");
  if (!root.has("apiVersion")) insertAt(doc, root, 0, "apiVersion", "floe.dev/v1");
  if (!root.has("kind")) insertAt(doc, root, root.items.indexOf(keyPair(root, "apiVersion")!) + 1, "kind", "Manifest");
  if (!root.has("metadata")) insertAt(doc, root, root.items.indexOf(keyPair(root, "kind")!) + 1, "metadata", identity);

  const plugins = root.get("plugins", true);
  if (!root.has("plugins")) root.set("plugins", doc.createNode({}));
  else if (isMap(plugins)) {
    renameKey(plugins, "observability", "telemetry_backend");
    for (const pair of plugins.items) {
      const category = isScalar(pair.key) ? String(pair.key.value) : "";
      if (!(PLUGIN_CATEGORIES as readonly string[]).includes(category) || !isScalar(pair.value) || typeof pair.value.value !== "string") continue;
      const selection = doc.createNode({ type: pair.value.value }) as YAMLMap<unknown, Scalar>;
      selection.items[0].value!.comment = pair.value.comment;
      pair.value = selection;
    }
  }

  const approved = root.get("approved_plugins", true);
  if (isMap(approved))
    for (const pair of approved.items) {
      if (!isScalar(pair.value) || typeof pair.value.value !== "string") continue;
      const list = doc.createNode([pair.value.value]);
      list.flow = true;
      list.comment = pair.value.comment;
      pair.value = list;
    }

  const presets = root.get("resource_presets", true);
  if (isMap(presets))
    for (const pair of presets.items) {
      const p = isMap(pair.value) ? (pair.value.toJS(doc) as Record<string, unknown>) : null;
      if (!p || !["cpu_request", "memory_request", "cpu_limit", "memory_limit"].every((k) => k in p)) continue;
      const nested = doc.createNode({ requests: { cpu: p.cpu_request, memory: p.memory_request }, limits: { cpu: p.cpu_limit, memory: p.memory_limit } }) as YAMLMap;
      nested.commentBefore = (pair.value as YAMLMap).commentBefore;
      pair.value = nested;
    }

  return { yaml: doc.toString(YAML11_OUTPUT), normalised: [...new Set(rewrites.map((r) => `${r.path.join(".")}: ${r.message}`))] };
}

/**
 * A floe.yaml in floe-core's canonical form: header present, `platform.ref` → `platform.manifest`,
 * the ADR's `{type, path}` transforms named (type and path dropped, as floe refuses them), and
 * floe's field names (`api_version`, `output_ports`, `depends_on`, `quality_checks`) written as
 * its aliases. A missing `transforms` cannot be invented and stays reported.
 */
export function canonicalProduct(text: string, identity: { name: string; version: string }): Canonical {
  const loaded = safeLoadYaml(text);
  if (loaded.problems.length || !isRecord(loaded.value)) return { yaml: text, normalised: [] };
  const normalised = normaliseProduct(loaded.value, identity);
  const rewrites = normalised.rewrites.filter((r) => !(r.path.length === 1 && r.path[0] === "transforms"));
  if (rewrites.length === 0) return { yaml: text, normalised: [] };
  const doc = parseDocument(text, YAML11) as Document;
  const root = doc.contents;
  if (doc.errors.length || !isMap(root)) return { yaml: text, normalised: [] };

  renameKey(root, "api_version", "apiVersion");
  renameKey(root, "output_ports", "outputPorts");
  if (!root.has("apiVersion")) insertAt(doc, root, 0, "apiVersion", "floe.dev/v1");
  if (!root.has("kind")) insertAt(doc, root, root.items.indexOf(keyPair(root, "apiVersion")!) + 1, "kind", "FloeSpec");
  if (!root.has("metadata")) insertAt(doc, root, root.items.indexOf(keyPair(root, "kind")!) + 1, "metadata", identity);
  const platform = root.get("platform", true);
  if (isMap(platform)) renameKey(platform, "ref", "manifest");

  const transforms = root.get("transforms", true);
  const named = normalised.value.transforms as Record<string, unknown>[];
  if (isSeq(transforms))
    transforms.items.forEach((item, i) => {
      if (!isMap(item)) return;
      renameKey(item, "depends_on", "dependsOn");
      renameKey(item, "quality_checks", "qualityChecks");
      if (item.has("name") || !isRecord(named[i]) || typeof named[i].name !== "string") return;
      item.delete("type");
      item.delete("path");
      insertAt(doc, item, 0, "name", named[i].name);
    });

  return { yaml: doc.toString(YAML11_OUTPUT), normalised: [...new Set(rewrites.map((r) => `${r.path.join(".")}: ${r.message}`))] };
}

import { isCollection, isMap, isScalar, isSeq, parseDocument, type Scalar } from "yaml";
import { YAML11, YAML11_OUTPUT } from "./yaml11";

/**
 * The one YAML-edit module: form edits, approvals and removals change YAML text through the `yaml`
 * Document API, so comments and key order survive (a round trip through plain objects would drop
 * both), and every edit writes with the same options (YAML11_OUTPUT), so an approval and a form
 * edit format a document alike. Read and written as YAML 1.1, as floe reads it: a string such as
 * `off` or `2026-06-01` is written quoted.
 */

export type YamlPath = readonly (string | number)[];

/** The plain JS value at `path`, or undefined when the text does not parse or the path is absent. */
export function readYamlIn(text: string, path: YamlPath): unknown {
  const doc = parseDocument(text, YAML11);
  if (doc.errors.length) return undefined;
  const node = doc.getIn(path, true);
  return node && typeof node === "object" && "toJSON" in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

/**
 * Sets (or, for `undefined`, deletes) the value at `path`. Returns null when the text has YAML
 * errors: the form cannot edit what does not parse, the YAML editor shows why.
 */
export function writeYamlIn(text: string, path: YamlPath, value: unknown): string | null {
  const doc = parseDocument(text, YAML11);
  if (doc.errors.length) return null;
  if (value === undefined) {
    if (doc.hasIn(path)) doc.deleteIn(path);
    pruneEmptyParents(doc, path);
  } else {
    const existing = doc.getIn(path, true);
    if (isScalar(existing) && (value === null || typeof value !== "object")) {
      existing.value = value; // keeps the trailing comment and quoting style
    } else {
      const node = doc.createNode(value);
      if (isCollection(existing) && isCollection(node)) {
        // `[duckdb, snowflake]  # why` stays a flow list with its comment.
        node.flow = existing.flow;
        node.comment = existing.comment;
        node.commentBefore = existing.commentBefore;
      }
      doc.setIn(path, node);
    }
  }
  return doc.toString(YAML11_OUTPUT);
}

/** Removing the last key of a mapping the form created would leave `governance: {}` behind. */
function pruneEmptyParents(doc: ReturnType<typeof parseDocument>, path: YamlPath) {
  for (let depth = path.length - 1; depth > 0; depth--) {
    const parent = path.slice(0, depth);
    const node = doc.getIn(parent, true);
    if (isMap(node) && node.items.length === 0) doc.deleteIn(parent);
    else break;
  }
}

/**
 * Selects a plugin type for `plugins.<category>` (undefined: inherit, the entry removed). A new
 * type starts from `{type}` alone: the previous type's `config`, `version` and
 * `connection_secret_ref` (Snowflake's account and warehouse under Databricks) are dropped,
 * with the comment on the entry kept. The same type again changes nothing.
 */
export function selectPluginType(text: string, category: string, type: string | undefined): string | null {
  const path = ["plugins", category];
  if (type === undefined) return writeYamlIn(text, path, undefined);
  const current = readYamlIn(text, path);
  const currentType = current && typeof current === "object" && !Array.isArray(current) ? (current as { type?: unknown }).type : undefined;
  if (currentType === type) return writeYamlIn(text, [...path, "type"], type);
  return writeYamlIn(text, path, { type });
}

/** Adds or removes a product name in `approved_products`; null when the text is not editable YAML. */
export function editApprovedProducts(text: string, product: string, change: "add" | "remove"): string | null {
  const doc = parseDocument(text, YAML11);
  if (doc.errors.length) return null;
  const list = doc.get("approved_products");
  const names = isSeq(list) ? list.items.map((i) => String((i as { value?: unknown }).value ?? i)) : [];
  if (change === "add" && !names.includes(product)) {
    if (isSeq(list)) list.add(product);
    else doc.set("approved_products", [product]);
  }
  if (change === "remove" && isSeq(list)) list.items = list.items.filter((_, i) => names[i] !== product);
  return doc.toString(YAML11_OUTPUT);
}

/**
 * Points a floe.yaml's `platform.manifest` at `ref`. The ADR's `platform.ref` (which floe
 * refuses beside or instead of `manifest`) is renamed in place, keeping its comments.
 */
export function setPlatformManifest(text: string, ref: string): string {
  const doc = parseDocument(text, YAML11);
  const platform = doc.get("platform", true);
  if (isMap(platform)) {
    const adrRef = platform.items.find((p) => isScalar(p.key) && p.key.value === "ref");
    if (adrRef && !platform.has("manifest")) (adrRef.key as Scalar).value = "manifest";
    else if (adrRef) platform.delete("ref");
  }
  doc.setIn(["platform", "manifest"], ref);
  return doc.toString(YAML11_OUTPUT);
}

/**
 * Adds `plugin` to the enterprise whitelist `approved_plugins.<category>`, touching only that list
 * (a flow list stays a flow list, comments stay). Null when the text is not editable YAML.
 */
export function addToWhitelist(text: string, category: string, plugin: string): string | null {
  const doc = parseDocument(text, YAML11);
  if (doc.errors.length) return null;
  const list = doc.getIn(["approved_plugins", category], true);
  if (isSeq(list)) {
    if (!list.items.some((i) => (isScalar(i) ? i.value : i) === plugin)) list.add(doc.createNode(plugin));
  } else doc.setIn(["approved_plugins", category], doc.createNode([plugin], { flow: true }));
  return doc.toString(YAML11_OUTPUT);
}

/**
 * The draft after a version was published by another route (an approval, a removal, a rollback):
 * a draft without unpublished edits becomes the new version's text; one with edits keeps them,
 * gets `edit` applied, and names the new version and parent, so its diff against the published
 * version shows only the edits (never "the version going backwards").
 */
export function rebasedDraft(draft: string, previous: string | null, published: { yaml: string; version: string; parentRef: string | null }, edit: (text: string) => string | null = (t) => t): string {
  if (previous === null || draft.trim() === previous.trim()) return published.yaml;
  const edited = edit(draft) ?? draft;
  const doc = parseDocument(edited, YAML11);
  if (doc.errors.length) return edited;
  doc.setIn(["metadata", "version"], published.version);
  if (published.parentRef && doc.has("parent_manifest")) doc.set("parent_manifest", published.parentRef);
  return doc.toString(YAML11_OUTPUT);
}

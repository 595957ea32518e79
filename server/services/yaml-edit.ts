// Surgical YAML edits with the Document API, so comments and key order survive; YAML 1.1 as floe reads it.
import { isMap, isScalar, isSeq, parseDocument, type Scalar } from "yaml";
import { YAML11 } from "../../lib/yaml/yaml11";

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
  return doc.toString({ lineWidth: 0 });
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
  return doc.toString({ lineWidth: 0 });
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
  return doc.toString({ lineWidth: 0 });
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
  return doc.toString({ lineWidth: 0 });
}

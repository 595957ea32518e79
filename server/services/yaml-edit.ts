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

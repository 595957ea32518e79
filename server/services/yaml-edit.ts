// Surgical YAML edits with the Document API, so comments and key order survive.
import { isSeq, parseDocument } from "yaml";

/** Adds or removes a product name in `approved_products`; null when the text is not editable YAML. */
export function editApprovedProducts(text: string, product: string, change: "add" | "remove"): string | null {
  const doc = parseDocument(text);
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

/** Points a floe.yaml's `platform.manifest` at `ref`. */
export function setPlatformManifest(text: string, ref: string): string {
  const doc = parseDocument(text);
  doc.setIn(["platform", "manifest"], ref);
  return doc.toString({ lineWidth: 0 });
}

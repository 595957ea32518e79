// The server's memo of parsed floe.yaml files, injected into lib's evaluation (lib holds no process state).
import { parseProductInBulk } from "../../lib/manifest/parse-bulk";
import type { ParsedProduct } from "../../lib/manifest/parse";

/**
 * Parsed floe.yaml files by product id, reused while a product's text is unchanged: parsing is
 * most of an organisation's evaluation, and a stored product's text changes only when it is
 * edited. A derived value of immutable inputs, so every evaluation may share it. Entries keep what
 * evaluation reads, not the YAML document (see parseProductInBulk).
 */
class ParsedProducts {
  private readonly entries = new Map<string, ParsedProduct>();

  get(id: string, text: string, file: string): ParsedProduct {
    const hit = this.entries.get(id);
    if (hit && hit.text === text && hit.file === file) return hit;
    const parsed = parseProductInBulk(text, file);
    this.entries.set(id, parsed);
    return parsed;
  }

  /** Forgets products that are gone, once they would outnumber the current ones. */
  prune(current: readonly { id: string }[]) {
    if (this.entries.size <= current.length * 1.5 + 1000) return;
    const keep = new Set(current.map((p) => p.id));
    for (const id of this.entries.keys()) if (!keep.has(id)) this.entries.delete(id);
  }
}

// One memo per process: a bundler may load this module more than once (Next.js bundles its
// instrumentation hook apart from its routes), and a memo per copy would parse everything twice.
const memoKey = Symbol.for("mesh-console.parsed-products");
export const parsedProducts: ParsedProducts = ((globalThis as Record<symbol, unknown>)[memoKey] ??= new ParsedProducts()) as ParsedProducts;

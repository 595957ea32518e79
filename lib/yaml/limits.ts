/** Bounds that keep hostile YAML cheap to refuse. */
export const YAML_LIMITS = {
  /** Larger documents are refused before parsing. */
  maxBytes: 1024 * 1024,
  /** Deeper nesting is refused; real manifests stay under ten levels. */
  maxDepth: 64,
  /** Alias expansions allowed while converting to JS (stops "billion laughs"). */
  maxAliasCount: 100,
  /** Collection entries (`- x`, `key: x`, flow items); far above any real manifest, bounds the parse. */
  maxNodes: 100_000,
} as const;

/** Keys that could reach an object's prototype in careless consumers. */
export const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * The forbidden segment of a key, or null. Keys are also split on dots because merges and
 * lookups elsewhere treat `a.b` as a path: `"__proto__.x"` or `"constructor.prototype.x"` would
 * reach the prototype there.
 */
export function dangerousKey(key: string): string | null {
  for (const segment of key.split(".")) if (FORBIDDEN_KEYS.has(segment.trim())) return segment.trim();
  return null;
}

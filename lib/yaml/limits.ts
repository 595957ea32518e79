/** Bounds that keep hostile YAML cheap to refuse. */
export const YAML_LIMITS = {
  /** Larger documents are refused before parsing. */
  maxBytes: 1024 * 1024,
  /** Deeper nesting is refused; real manifests stay under ten levels. */
  maxDepth: 64,
  /** Alias expansions allowed while converting to JS (stops "billion laughs"). */
  maxAliasCount: 100,
} as const;

/** Keys that could reach an object's prototype in careless consumers. */
export const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

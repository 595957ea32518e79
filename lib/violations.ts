/**
 * Violations: the one shape every problem takes, from a YAML syntax error to a
 * weakened security policy. Stable codes let CI scripts and the console match on them.
 */
export const VIOLATION_CODES = [
  "YAML_SYNTAX",
  "SCHEMA",
  "FLOE_COMPAT",
  "REF_UNRESOLVED",
  "INHERITANCE_CYCLE",
  "SCOPE_MISMATCH",
  "PLUGIN_NOT_APPROVED",
  "SECURITY_POLICY_OVERRIDE",
  "IMMUTABLE_OVERRIDE",
  "POLICY_WEAKENED",
  "RETENTION_OUT_OF_BOUNDS",
  "PRODUCT_NOT_APPROVED",
  "PRODUCT_NOT_IN_DOMAIN",
  "PLAINTEXT_SECRET",
  "REQUIRED_PLUGIN_MISSING",
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

export type Severity = "error" | "warning";

/** The tier a document plays in a resolution chain. */
export type Tier = "enterprise" | "domain" | "platform" | "product";

export interface Violation {
  code: ViolationCode;
  severity: Severity;
  /** Dotted path inside the document, e.g. `governance.pii_encryption` ("" for the whole file). */
  path: string;
  tier: Tier | null;
  /** The `oci://` reference of the manifest the problem sits in (null for a product file or a loose file). */
  ref: string | null;
  /** The file (or reference) the line and column refer to. */
  file: string;
  message: string;
  line: number;
  column: number;
}

export const isError = (v: Violation) => v.severity === "error";
export const hasErrors = (vs: readonly Violation[]) => vs.some(isError);
export const errorCount = (vs: readonly Violation[]) => vs.reduce((n, v) => n + (isError(v) ? 1 : 0), 0);

/** `FILE:LINE:COL: error CODE: message`, the CLI's one-line contract. */
export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}:${v.column}: ${v.severity} ${v.code}: ${v.message}`;
}

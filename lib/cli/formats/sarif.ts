import type { Log, ReportingDescriptor, Result } from "sarif";
import { VIOLATION_CODES, type Violation, type ViolationCode } from "../../violations";

/** One line per rule, shown by code-scanning UIs beside each finding. */
const RULES: Record<ViolationCode, string> = {
  YAML_SYNTAX: "The file is not valid YAML (or exceeds the reader's limits).",
  SCHEMA: "The document does not match floe's schema.",
  FLOE_COMPAT: "Shorthand floe-core does not accept as written; the canonical form is given.",
  REF_UNRESOLVED: "A referenced manifest cannot be found.",
  INHERITANCE_CYCLE: "Manifests reference each other in a cycle.",
  SCOPE_MISMATCH: "A manifest's scope does not fit its place in the hierarchy.",
  PLUGIN_NOT_APPROVED: "A plugin is not in the enterprise whitelist.",
  SECURITY_POLICY_OVERRIDE: "A lower tier changes a security policy the enterprise fixes.",
  IMMUTABLE_OVERRIDE: "A lower tier changes a value only the enterprise may set.",
  POLICY_WEAKENED: "A lower tier weakens a policy it may only strengthen.",
  RETENTION_OUT_OF_BOUNDS: "Data retention outside the enterprise bounds.",
  PRODUCT_NOT_APPROVED: "The product is not in its domain's approved_products.",
  PRODUCT_NOT_IN_DOMAIN: "A domain approves a product registered for another domain.",
  PLAINTEXT_SECRET: "A plaintext credential; reference a secret instead.",
  REQUIRED_PLUGIN_MISSING: "The resolved platform lacks a plugin floe compile needs.",
};

/** Text as valid Unicode: a lone surrogate (a broken file name) becomes U+FFFD instead of failing to encode. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDFFF]/gu, "\uFFFD");

/** A repository-relative path as a SARIF URI (each segment percent-encoded; an oci:// reference stays as it is). */
const uriOf = (file: string) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(file) ? encodeURI(wellFormed(file)) : wellFormed(file).split(/[\\/]/).map(encodeURIComponent).join("/"));

/**
 * Violations as a SARIF 2.1.0 log, so CI systems (GitHub code scanning, GitLab, Azure DevOps)
 * annotate each one at its file, line and column. Lines and columns are 1-based in both.
 */
export function toSarif(violations: readonly Violation[]): Log {
  const rules: ReportingDescriptor[] = VIOLATION_CODES.map((id) => ({ id, shortDescription: { text: RULES[id] }, defaultConfiguration: { level: id === "FLOE_COMPAT" ? "warning" : "error" } }));
  const results: Result[] = violations.map((v) => ({
    ruleId: v.code,
    ruleIndex: VIOLATION_CODES.indexOf(v.code),
    level: v.severity === "error" ? "error" : "warning",
    message: { text: v.path ? `${v.message} (at ${v.path})` : v.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(v.file) },
          region: { startLine: Math.max(1, v.line), startColumn: Math.max(1, v.column) },
        },
      },
    ],
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "mesh", informationUri: "https://github.com/Obsidian-Owl/floe", rules } }, results }],
  };
}

import type { Severity, ViolationCode } from "../violations";
import type { PathSegment, Position } from "../yaml/positions";
import type { Manifest } from "./schema/manifest";

type Emit = (code: ViolationCode, severity: Severity, path: PathSegment[], message: string, at?: Position) => void;

const scopeName = (scope: Manifest["scope"]) => (scope ? `'${scope}'` : "None");

/**
 * floe-core's scope constraints (C001–C006), with the console's codes: a domain that
 * declares a whitelist is changing an enterprise-only field (IMMUTABLE_OVERRIDE); every
 * other misplaced field is a SCOPE_MISMATCH.
 */
export function checkManifestScope(m: Manifest, emit: Emit, keyAt: (key: string) => Position): void {
  // A field that must not be there at all is reported at its key.
  const misplaced = (code: ViolationCode, field: string, message: string) => emit(code, "error", [field], message, keyAt(field));
  const scope = m.scope ?? null;
  if (scope === "domain" && !m.parent_manifest) {
    emit("SCOPE_MISMATCH", "error", ["scope"], "parent_manifest is required for scope='domain'. Domain manifests must inherit from an enterprise manifest.");
  }
  if (scope !== "domain" && m.parent_manifest) {
    misplaced("SCOPE_MISMATCH", "parent_manifest", `parent_manifest must be None for scope=${scopeName(scope)}. Only domain-scoped manifests can have a parent.`);
  }
  for (const field of ["approved_plugins", "approved_sinks"] as const) {
    if (m[field] == null || scope === "enterprise") continue;
    const floeMessage = `${field} is only valid for scope='enterprise', not scope=${scopeName(scope)}`;
    if (scope === "domain") misplaced("IMMUTABLE_OVERRIDE", field, `Domains cannot change the enterprise whitelist: ${floeMessage}`);
    else misplaced("SCOPE_MISMATCH", field, floeMessage);
  }
  if (m.approved_products != null && scope !== "domain") {
    misplaced("SCOPE_MISMATCH", "approved_products", `approved_products is only valid for scope='domain', not scope=${scopeName(scope)}`);
  }
  if (m.governance_bounds && scope !== "enterprise") {
    misplaced("SCOPE_MISMATCH", "governance_bounds", "governance_bounds sets enterprise ceilings and is only valid for scope='enterprise'");
  }
}

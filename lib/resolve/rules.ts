import { AUDIT_LOGGING, ENFORCEMENT_LEVELS, PII_ENCRYPTION } from "../manifest/schema/governance";
import type { ViolationCode } from "../violations";
import type { ExceptionPolicyType } from "../manifest/schema/governance";

/**
 * How a value set by the enterprise (or a 2-tier platform) may be changed by a domain:
 * - `enterprise-only`: only the enterprise sets it; a domain may repeat it, never change it.
 * - `select-from-whitelist`: a domain picks a plugin, which must be in the enterprise's `approved_plugins`.
 * - `only-strengthen`: a domain may keep or raise it along `order`, never lower it.
 * - `within-bounds`: a domain may raise it from the enterprise floor up to the enterprise ceiling.
 * - `subset`: a domain may drop entries (tighten), never add them.
 * - `additive`: lists concatenate; a domain adds entries and cannot remove the enterprise's.
 * - `domain-defined`: the domain's value replaces the enterprise default (the fallback for unlisted paths).
 */
export const RULE_KINDS = ["enterprise-only", "select-from-whitelist", "only-strengthen", "within-bounds", "subset", "additive", "domain-defined"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface InheritanceRule {
  /** Dotted path; `*` matches one segment. A rule on a path covers everything beneath it. */
  path: string;
  kind: RuleKind;
  /** Violation raised when a domain breaks the rule. */
  code: ViolationCode;
  /** Weakest to strongest, for `only-strengthen`; absent means numbers or booleans compare naturally. */
  order?: readonly unknown[];
  /** Replaced as one unit (a plugin selection), never merged key by key. */
  atomic?: boolean;
  /**
   * floe's default for an `only-strengthen` field. floe fills defaults into a parent and a child object that
   * are both present before comparing (`validate_security_policy_not_weakened`): `naming: {pattern: medallion}`
   * means `enforcement: warn`.
   */
  floeDefault?: unknown;
  /** `select-from-whitelist`: the `approved_plugins` category; `*` takes it from the path (`plugins.<category>`). */
  whitelist?: string;
  /** A boolean field of this object which, set to `false` by the enterprise, locks the object (floe's `overridable`). */
  lockField?: string;
  /**
   * The floe `policy_overrides` policy type that may except a domain from this rule until a date
   * (lib/resolve/exceptions.ts); absent: no exception can touch the rule.
   */
  exceptable?: ExceptionPolicyType;
  /** Why the rule exists, shown beside locked values in the console. */
  why: string;
}

const security = "SECURITY_POLICY_OVERRIDE" as const;
const weakened = "POLICY_WEAKENED" as const;
const immutable = "IMMUTABLE_OVERRIDE" as const;
const notApproved = "PLUGIN_NOT_APPROVED" as const;
const bool = [false, true] as const;

/**
 * THE inheritance table: ADR-0038's rules plus floe-core's never-weaken ordering and defaults
 * (`schemas/validation.py`, `schemas/governance.py`) and its locked quality-gate tiers
 * (`compilation/quality_inheritance.py`). Everything the resolver enforces is read from here.
 */
export const INHERITANCE_RULES: readonly InheritanceRule[] = [
  { path: "approved_plugins", kind: "enterprise-only", code: immutable, why: "The enterprise whitelist: domains choose from it, never extend it." },
  { path: "approved_sinks", kind: "enterprise-only", code: immutable, why: "Approved sinks are an enterprise whitelist." },
  { path: "plugins.telemetry_backend", kind: "enterprise-only", code: immutable, atomic: true, why: "One observability backend for the whole enterprise." },
  { path: "plugins.lineage_backend", kind: "enterprise-only", code: immutable, atomic: true, why: "Lineage must land in one enterprise-wide backend." },
  { path: "observability", kind: "enterprise-only", code: immutable, why: "Tracing, lineage and logging settings are enterprise-wide." },
  { path: "plugins.quality", kind: "domain-defined", code: weakened, why: "Domains configure their quality provider; thresholds below never drop." },
  { path: "plugins.quality.provider", kind: "select-from-whitelist", code: notApproved, whitelist: "quality", why: "Domains pick their quality provider from the enterprise whitelist." },
  { path: "plugins.quality.quality_gates.*", kind: "domain-defined", code: immutable, lockField: "overridable", why: "A quality-gate tier the enterprise marks overridable: false is locked (floe's FLOE-DQ107)." },
  { path: "plugins.quality.quality_gates.*.min_test_coverage", kind: "only-strengthen", code: weakened, why: "Quality-gate thresholds are never lowered." },
  { path: "plugins.quality.quality_gates.*.min_score", kind: "only-strengthen", code: weakened, why: "Quality-gate thresholds are never lowered." },
  { path: "plugins.quality.thresholds.min_score", kind: "only-strengthen", code: weakened, why: "Quality thresholds are never lowered." },
  { path: "plugins.quality.thresholds.warn_score", kind: "only-strengthen", code: weakened, why: "Quality thresholds are never lowered." },
  { path: "plugins.*", kind: "select-from-whitelist", code: notApproved, atomic: true, whitelist: "*", why: "Domains select plugins from the enterprise whitelist." },
  { path: "defaults.compute", kind: "select-from-whitelist", code: notApproved, whitelist: "compute", why: "floe runs transforms on the default compute, so it must be an approved one." },
  { path: "governance.pii_encryption", kind: "only-strengthen", code: security, order: PII_ENCRYPTION, why: "Security policy: PII encryption can be required, never relaxed." },
  { path: "governance.audit_logging", kind: "only-strengthen", code: security, order: AUDIT_LOGGING, why: "Security policy: audit logging can be enabled, never disabled." },
  { path: "governance.network_policies.enabled", kind: "only-strengthen", code: security, order: bool, floeDefault: false, why: "Security policy: network policies cannot be switched off." },
  { path: "governance.network_policies.default_deny", kind: "only-strengthen", code: security, order: bool, floeDefault: true, why: "Security policy: default-deny cannot be relaxed." },
  { path: "governance.network_policies.custom_egress_rules", kind: "subset", code: security, why: "Security policy: domains may drop egress rules, never open new ones." },
  { path: "governance.policy_enforcement_level", kind: "only-strengthen", code: weakened, order: ENFORCEMENT_LEVELS, why: "Enforcement can only get stricter: off < warn < strict." },
  { path: "governance.data_retention_days", kind: "within-bounds", code: "RETENTION_OUT_OF_BOUNDS", why: "Domains set retention between the enterprise floor and ceiling." },
  { path: "governance.naming.enforcement", kind: "only-strengthen", code: weakened, order: ENFORCEMENT_LEVELS, floeDefault: "warn", exceptable: "naming", why: "Naming enforcement can only get stricter." },
  { path: "governance.quality_gates.minimum_test_coverage", kind: "only-strengthen", code: weakened, floeDefault: 80, exceptable: "coverage", why: "Test coverage minimums are never lowered." },
  { path: "governance.quality_gates.require_descriptions", kind: "only-strengthen", code: weakened, order: bool, floeDefault: false, exceptable: "documentation", why: "A documentation requirement cannot be dropped." },
  { path: "governance.quality_gates.require_column_descriptions", kind: "only-strengthen", code: weakened, order: bool, floeDefault: false, exceptable: "documentation", why: "A documentation requirement cannot be dropped." },
  { path: "governance.quality_gates.block_on_failure", kind: "only-strengthen", code: weakened, order: bool, floeDefault: true, why: "Failing gates keep blocking." },
  { path: "governance.quality_gates.layer_thresholds.bronze", kind: "only-strengthen", code: weakened, floeDefault: 50, exceptable: "coverage", why: "Layer thresholds are never lowered." },
  { path: "governance.quality_gates.layer_thresholds.silver", kind: "only-strengthen", code: weakened, floeDefault: 80, exceptable: "coverage", why: "Layer thresholds are never lowered." },
  { path: "governance.quality_gates.layer_thresholds.gold", kind: "only-strengthen", code: weakened, floeDefault: 100, exceptable: "coverage", why: "Layer thresholds are never lowered." },
  { path: "governance.data_contracts.enforcement", kind: "only-strengthen", code: weakened, order: ENFORCEMENT_LEVELS, floeDefault: "warn", exceptable: "data_contract", why: "Contract enforcement can only get stricter." },
  { path: "governance.rbac.enabled", kind: "only-strengthen", code: weakened, order: bool, floeDefault: false, exceptable: "rbac", why: "RBAC cannot be switched off." },
  { path: "governance.secret_scanning.enabled", kind: "only-strengthen", code: weakened, order: bool, floeDefault: false, exceptable: "secret_scanning", why: "Secret scanning cannot be switched off." },
  { path: "governance.policy_overrides", kind: "enterprise-only", code: weakened, why: "Overrides downgrade policy, so only the enterprise may grant them." },
  { path: "governance.custom_rules", kind: "additive", code: weakened, why: "Domains add rules; enterprise rules always apply." },
  { path: "governance.policies", kind: "additive", code: weakened, why: "Domains add policies; enterprise policies always apply." },
  { path: "approved_products", kind: "domain-defined", code: "PRODUCT_NOT_APPROVED", why: "Each domain approves its own products." },
];

/** Never-weaken fields with a floe default: compared with floe's defaults filled into present objects. */
export const DEFAULTED_RULES = INHERITANCE_RULES.filter((r) => r.floeDefault !== undefined);

/**
 * Rules a data product is held to against its resolved platform chain. A product sets no platform
 * values, so these read the product's own fields; the resolver and the console's hints read them here.
 */
export const PRODUCT_RULES = {
  approved: { path: "metadata.name", code: "PRODUCT_NOT_APPROVED", why: "A product must be in its domain's approved_products." },
  /** floe runs a transform on its `compute`, else `defaults.compute`, else `plugins.compute`. */
  transformCompute: { path: "transforms.*.compute", code: notApproved, why: "Products inherit compute: a transform may only name the compute its domain selected." },
  /** The one whitelist floe's own compile enforces (its ENFORCE stage). */
  sink: { path: "destinations.*.sink_type", code: notApproved, why: "Destinations may only use sink types in the enterprise's approved_sinks." },
} as const satisfies Record<string, { path: string; code: ViolationCode; why: string }>;

/** Plugins `floe compile` cannot do without (its E201), checked on every resolved domain or 2-tier platform. */
export const REQUIRED_PLUGINS: { categories: readonly string[]; code: ViolationCode; why: string } = {
  categories: ["compute", "orchestrator"],
  code: "REQUIRED_PLUGIN_MISSING",
  why: "floe compile fails without a compute and an orchestrator plugin (E201).",
};

const DEFAULT_RULE: InheritanceRule = { path: "*", kind: "domain-defined", code: "POLICY_WEAKENED", why: "Domain default: a domain's value replaces the enterprise default." };

// Longer patterns are more specific; at equal length a literal segment beats `*`.
const compiled = INHERITANCE_RULES.map((rule) => {
  const segments = rule.path.split(".");
  return { rule, segments, specificity: segments.length * 100 + segments.filter((s) => s !== "*").length };
});
// Indexed by first segment (a constant of the table, not a cache): a lookup compares only the
// patterns that can match, with no state kept between calls.
const byFirstSegment = new Map<string, typeof compiled>();
const firstSegmentWildcards = compiled.filter((c) => c.segments[0] === "*");
for (const c of compiled) if (c.segments[0] !== "*") byFirstSegment.set(c.segments[0], [...(byFirstSegment.get(c.segments[0]) ?? []), c]);

/** The most specific rule for a path: the best pattern that matches it or one of its ancestors. */
export function ruleFor(path: string): InheritanceRule {
  const segs = path.split(".");
  let best: (typeof compiled)[number] | null = null;
  for (const candidates of [byFirstSegment.get(segs[0]), firstSegmentWildcards]) {
    for (const c of candidates ?? []) {
      if (c.segments.length > segs.length) continue;
      if (!c.segments.every((s, i) => s === "*" || s === segs[i])) continue;
      if (!best || c.specificity > best.specificity) best = c;
    }
  }
  return best?.rule ?? DEFAULT_RULE;
}

/** The `approved_plugins` category a `select-from-whitelist` rule checks at a path. */
export function whitelistCategory(rule: InheritanceRule, path: string): string | undefined {
  if (rule.kind !== "select-from-whitelist" || !rule.whitelist) return undefined;
  if (rule.whitelist !== "*") return rule.whitelist;
  return path.split(".")[rule.path.split(".").indexOf("*")];
}

/** True where the path is a unit replaced whole (a plugin selection), so merging stops there. */
export function isAtomicAt(path: string): boolean {
  const rule = ruleFor(path);
  return Boolean(rule.atomic) && rule.path.split(".").length === path.split(".").length;
}

/** Is `candidate` at least as strong as `floor` under the rule's ordering? */
export function atLeastAsStrong(rule: InheritanceRule, candidate: unknown, floor: unknown): boolean {
  if (rule.order) return rule.order.indexOf(candidate) >= rule.order.indexOf(floor);
  if (typeof candidate === "number" && typeof floor === "number") return candidate >= floor;
  return candidate === floor;
}

/** The strongest value on a rule's scale, which a domain therefore cannot change. */
export function isStrongest(rule: InheritanceRule, value: unknown): boolean {
  return rule.order ? rule.order.indexOf(value) === rule.order.length - 1 : false;
}

import type { ParsedManifest } from "../manifest/parse";
import type { Manifest } from "../manifest/schema/manifest";
import type { Tier, Violation, ViolationCode } from "../violations";
import { flattenUnits, leafPaths, sameValue, unflatten } from "./flatten";
import { atLeastAsStrong, isStrongest, ruleFor, type InheritanceRule, type RuleKind } from "./rules";

/** One manifest in a resolution chain. */
export interface TierDoc {
  tier: Tier;
  ref: string | null;
  parsed: ParsedManifest;
  manifest: Manifest;
}

export interface Provenance {
  tier: Tier;
  ref: string | null;
  version: string;
  /** True when no tier below the one that set it may change it. */
  locked: boolean;
  rule: RuleKind;
}

export interface MergeResult {
  resolved: Record<string, unknown>;
  provenance: Record<string, Provenance>;
  violations: Violation[];
}

/** Fields that identify a manifest rather than configure a platform; they are not inherited. */
const IDENTITY_FIELDS = new Set(["apiVersion", "kind", "metadata", "scope", "parent_manifest", "governance_bounds"]);

/** Whitelists a domain declares are already reported by the scope check; they never merge. */
const DOMAIN_EXCLUDED = new Set(["approved_plugins", "approved_sinks"]);

function configOf(doc: TierDoc): Record<string, unknown> {
  const skip = (k: string) => IDENTITY_FIELDS.has(k) || (doc.tier === "domain" && DOMAIN_EXCLUDED.has(k));
  return Object.fromEntries(Object.entries(doc.manifest).filter(([k, v]) => !skip(k) && v != null));
}

const show = (v: unknown) => (typeof v === "string" ? `'${v}'` : JSON.stringify(v));
const pluginType = (v: unknown) => (v && typeof v === "object" ? (v as { type?: string }).type : undefined);

function violationAt(doc: TierDoc, code: ViolationCode, path: string, message: string): Violation {
  const at = doc.parsed.locate(path);
  return { code, severity: "error", path, tier: doc.tier, ref: doc.ref, file: doc.parsed.file, message, line: at.line, column: at.column };
}

/** The whitelist check shared by domain selections, enterprise defaults and product transforms. */
export function whitelistProblem(approved: Manifest["approved_plugins"], category: string, type: string | undefined): string | null {
  const list = approved?.[category];
  if (!list || type === undefined || list.includes(type)) return null;
  return `Plugin '${type}' is not in the approved whitelist for category '${category}'. Approved plugins: [${list.join(", ")}]`;
}

/** What a domain's value does to an enterprise value under a rule: the value that applies, and the problem if any. */
function applyRule(rule: InheritanceRule, path: string, base: unknown, child: unknown, bounds: { max?: number }): { value: unknown; problem?: string } {
  const field = path.replace(/^governance\./, "");
  switch (rule.kind) {
    case "enterprise-only":
      return sameValue(base, child) ? { value: base } : { value: base, problem: `'${path}' is set by the enterprise (${show(pluginType(base) ?? base)}) and cannot be changed by a domain (domain sets ${show(pluginType(child) ?? child)})` };
    case "only-strengthen": {
      if (atLeastAsStrong(rule, child, base)) return { value: child };
      const verb = rule.code === "SECURITY_POLICY_OVERRIDE" ? "Cannot override security policy" : "Cannot weaken policy";
      return { value: base, problem: `${verb} '${field}' from ${show(base)} to ${show(child)}. Child manifests can only maintain or strengthen parent policies.` };
    }
    case "within-bounds": {
      const n = child as number;
      // No enterprise value means no floor; the ceiling holds either way.
      if (base !== undefined && n < (base as number)) return { value: base, problem: `${field} ${n} is below the enterprise floor of ${base}; domains may only keep or raise it` };
      if (bounds.max !== undefined && n > bounds.max) return { value: base, problem: `${field} ${n} is above the enterprise ceiling of ${bounds.max}` };
      return { value: child };
    }
    case "subset": {
      const allowed = (base as unknown[]).map((x) => JSON.stringify(x));
      const extra = (child as unknown[]).filter((x) => !allowed.includes(JSON.stringify(x)));
      return extra.length ? { value: base, problem: `Cannot override security policy '${field}': a domain may remove entries, not add ${extra.length} new one(s)` } : { value: child };
    }
    case "additive": {
      const seen = new Set((base as unknown[]).map((x) => JSON.stringify(x)));
      return { value: [...(base as unknown[]), ...(child as unknown[]).filter((x) => !seen.has(JSON.stringify(x)))] };
    }
    default:
      return { value: child };
  }
}

/**
 * Merges a platform chain: enterprise ← domain (3-tier) or the platform alone (2-tier),
 * applying the inheritance table to every value and recording where each leaf came from.
 * A value a domain may not set keeps the enterprise's value, so a violation never weakens
 * the resolved configuration.
 */
export function mergeChain(base: TierDoc, domain: TierDoc | null): MergeResult {
  const violations: Violation[] = [];
  const provenance: Record<string, Provenance> = {};
  const approved = base.manifest.approved_plugins;
  const bounds = { max: base.manifest.governance_bounds?.data_retention_days?.max };
  const baseUnits = flattenUnits(configOf(base));
  const childUnits = domain ? flattenUnits(configOf(domain)) : new Map<string, unknown>();
  const merged = new Map<string, unknown>();

  const record = (path: string, value: unknown, from: TierDoc, rule: InheritanceRule) => {
    merged.set(path, value);
    const locked = from !== base || !domain ? true : rule.kind === "enterprise-only" || isStrongest(rule, value);
    const version = from.manifest.metadata.version;
    for (const leaf of leafPaths(path, value)) provenance[leaf] = { tier: from.tier, ref: from.ref, version, locked, rule: rule.kind };
  };

  for (const [path, value] of baseUnits) {
    const rule = ruleFor(path);
    if (rule.kind === "select-from-whitelist" && base.tier === "enterprise") {
      const problem = whitelistProblem(approved, path.split(".")[1], pluginType(value));
      if (problem) violations.push(violationAt(base, "PLUGIN_NOT_APPROVED", `${path}.type`, `${problem} (the enterprise's own default must be approved)`));
    }
    if (!childUnits.has(path)) record(path, value, base, rule);
  }
  if (!domain) return { resolved: unflatten(merged), provenance, violations };

  for (const [path, child] of childUnits) {
    const rule = ruleFor(path);
    const baseValue = baseUnits.get(path);
    if (rule.kind === "select-from-whitelist") {
      const problem = whitelistProblem(approved, path.split(".")[1], pluginType(child));
      if (problem) {
        violations.push(violationAt(domain, rule.code, `${path}.type`, problem));
        if (baseValue !== undefined) record(path, baseValue, base, rule);
        continue;
      }
      record(path, child, domain, rule);
      continue;
    }
    if (baseValue === undefined) {
      // Nothing to weaken, but enterprise-only fields stay enterprise-only and ceilings still hold.
      const outcome =
        rule.kind === "enterprise-only"
          ? { value: undefined, problem: `'${path}' may only be set by the enterprise manifest` }
          : rule.kind === "within-bounds"
            ? applyRule(rule, path, undefined, child, bounds)
            : { value: child };
      if (outcome.problem) violations.push(violationAt(domain, rule.code, path, outcome.problem));
      else record(path, child, domain, rule);
      continue;
    }
    const outcome = applyRule(rule, path, baseValue, child, bounds);
    if (outcome.problem) {
      violations.push(violationAt(domain, rule.code, rule.atomic ? `${path}.type` : path, outcome.problem));
      record(path, baseValue, base, rule);
    } else if (rule.kind === "additive") {
      merged.set(path, outcome.value);
      (outcome.value as unknown[]).forEach((item, i) => {
        const from = i < (baseValue as unknown[]).length ? base : domain;
        for (const leaf of leafPaths(`${path}.${i}`, item)) provenance[leaf] = { tier: from.tier, ref: from.ref, version: from.manifest.metadata.version, locked: from === base, rule: rule.kind };
      });
    } else record(path, outcome.value, outcome.value === baseValue ? base : domain, rule);
  }
  return { resolved: unflatten(merged), provenance, violations };
}

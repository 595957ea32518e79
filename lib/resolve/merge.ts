import type { ParsedManifest } from "../manifest/parse";
import type { Manifest } from "../manifest/schema/manifest";
import type { Tier, Violation, ViolationCode } from "../violations";
import { flattenUnits, leafPaths, safeEntries, sameValue, unflatten, valueIn, type Units } from "./flatten";
import { exceptionFor, exceptionsOf, type ExceptionUse, type ResolveOptions } from "./exceptions";
import { atLeastAsStrong, DEFAULTED_RULES, isStrongest, ruleFor, whitelistCategory, type InheritanceRule, type RuleKind } from "./rules";

/** One manifest in a resolution chain. */
export interface TierDoc {
  tier: Tier;
  ref: string | null;
  parsed: ParsedManifest;
  manifest: Manifest;
}

/** What a domain asked for where the inheritance table refused it. */
export interface Rejection {
  value: unknown;
  code: ViolationCode;
  tier: Tier;
  ref: string | null;
}

export interface Provenance {
  tier: Tier;
  ref: string | null;
  version: string;
  /** True when no tier below the one that set it may change it. */
  locked: boolean;
  rule: RuleKind;
  /** The value is floe's default for a field the tier's object leaves out (floe fills it in before comparing). */
  floeDefault?: boolean;
  /** A lower tier asked for another value and was refused: "domain asked for X; rejected (CODE); enterprise value applies". */
  rejected?: Rejection;
  /** A time-boxed exception let the domain's weaker value stand (`active`), or had expired so it did not (`expired`). */
  excepted?: ExceptionUse;
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
  return Object.fromEntries(safeEntries(doc.manifest).filter(([k]) => !skip(k)));
}

const show = (v: unknown) => (typeof v === "string" ? `'${v}'` : JSON.stringify(v));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** The type a selection names: a plugin `{type}`, or a bare string (`defaults.compute`, `quality.provider`). */
const selectedType = (v: unknown) => (typeof v === "string" ? v : isRecord(v) && typeof v.type === "string" ? v.type : undefined);
const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf(".")));

function violationAt(doc: TierDoc, code: ViolationCode, path: string, message: string, locateAs = path): Violation {
  const at = doc.parsed.locate(locateAs);
  return { code, severity: "error", path, tier: doc.tier, ref: doc.ref, file: doc.parsed.file, message, line: at.line, column: at.column };
}

/** The whitelist check shared by domain selections, enterprise defaults and product transforms. */
export function whitelistProblem(approved: Manifest["approved_plugins"], category: string, type: string | undefined): string | null {
  const list = approved && Object.hasOwn(approved, category) ? approved[category] : undefined;
  if (!Array.isArray(list) || type === undefined || list.includes(type)) return null;
  return `Plugin '${type}' is not in the approved whitelist for category '${category}'. Approved plugins: [${list.join(", ")}]`;
}

const weakenVerb = (rule: InheritanceRule) => (rule.code === "SECURITY_POLICY_OVERRIDE" ? "Cannot override security policy" : "Cannot weaken policy");

/** What a domain's value does to an enterprise value under a rule: the value that applies, and the problem if any. */
function applyRule(rule: InheritanceRule, path: string, base: unknown, child: unknown, bounds: { max?: number }): { value: unknown; problem?: string } {
  const field = path.replace(/^governance\./, "");
  switch (rule.kind) {
    case "enterprise-only":
      return sameValue(base, child) ? { value: base } : { value: base, problem: `'${path}' is set by the enterprise (${show(selectedType(base) ?? base)}) and cannot be changed by a domain (domain sets ${show(selectedType(child) ?? child)})` };
    case "only-strengthen": {
      if (atLeastAsStrong(rule, child, base)) return { value: child };
      return { value: base, problem: `${weakenVerb(rule)} '${field}' from ${show(base)} to ${show(child)}. Child manifests can only maintain or strengthen parent policies.` };
    }
    case "within-bounds": {
      const n = child as number;
      // No enterprise value means no floor; the ceiling holds either way.
      if (typeof n !== "number") return { value: base, problem: `${field} must be a number` };
      if (typeof base === "number" && n < base) return { value: base, problem: `${field} ${n} is below the enterprise floor of ${base}; domains may only keep or raise it` };
      if (bounds.max !== undefined && n > bounds.max) return { value: base, problem: `${field} ${n} is above the enterprise ceiling of ${bounds.max}` };
      return { value: child };
    }
    case "subset": {
      if (!Array.isArray(base) || !Array.isArray(child)) return sameValue(base, child) ? { value: base } : { value: base, problem: `Cannot override security policy '${field}': a domain may only drop entries from the enterprise's list` };
      const allowed = new Set(base.map((x) => JSON.stringify(x)));
      const extra = child.filter((x) => !allowed.has(JSON.stringify(x)));
      return extra.length ? { value: base, problem: `Cannot override security policy '${field}': a domain may remove entries, not add ${extra.length} new one(s)` } : { value: child };
    }
    case "additive": {
      if (!Array.isArray(base) || !Array.isArray(child)) return { value: base, problem: `'${field}' is a list the domain can only add to` };
      const seen = new Set(base.map((x) => JSON.stringify(x)));
      return { value: [...base, ...child.filter((x) => !seen.has(JSON.stringify(x)))] };
    }
    default:
      return { value: child };
  }
}

/** Objects the enterprise locks with `<lockField>: false` (floe's `overridable: false` quality-gate tiers). */
function lockedObjects(units: Units): Map<string, InheritanceRule> {
  const locked = new Map<string, InheritanceRule>();
  for (const [path, value] of units.values) {
    if (value !== false) continue;
    const object = parentOf(path);
    const rule = ruleFor(object);
    if (object && rule.lockField === path.slice(object.length + 1) && rule.path.split(".").length === object.split(".").length) locked.set(object, rule);
  }
  return locked;
}

function lockOf(locked: Map<string, InheritanceRule>, path: string): [string, InheritanceRule] | undefined {
  if (locked.size === 0) return undefined;
  for (const entry of locked) if (path === entry[0] || path.startsWith(entry[0] + ".")) return entry;
  return undefined;
}

/**
 * Merges a platform chain: enterprise ← domain (3-tier) or the platform alone (2-tier),
 * applying the inheritance table to every value and recording where each leaf came from.
 * A value a domain may not set keeps the enterprise's value, so a violation never weakens
 * the resolved configuration; an empty mapping is no value, so it never erases one.
 */
export function mergeChain(base: TierDoc, domain: TierDoc | null, options: ResolveOptions = {}): MergeResult {
  const violations: Violation[] = [];
  const provenance: Record<string, Provenance> = {};
  const approved = base.manifest.approved_plugins;
  const bounds = { max: base.manifest.governance_bounds?.data_retention_days?.max };
  const baseUnits = flattenUnits(configOf(base), { keepEmpty: true });
  const childUnits = domain ? flattenUnits(configOf(domain)) : { values: new Map<string, unknown>(), objects: new Set<string>() };
  const merged = new Map<string, unknown>();

  const record = (path: string, value: unknown, from: TierDoc, rule: InheritanceRule, extra?: { rejected?: Rejection; floeDefault?: boolean; excepted?: ExceptionUse }) => {
    merged.set(path, value);
    const locked = from !== base || !domain ? true : rule.kind === "enterprise-only" || isStrongest(rule, value);
    const version = from.manifest.metadata.version;
    for (const leaf of leafPaths(path, value)) {
      const p: Provenance = { tier: from.tier, ref: from.ref, version, locked, rule: rule.kind };
      if (extra?.floeDefault) p.floeDefault = true;
      if (extra?.excepted) p.excepted = extra.excepted;
      if (extra?.rejected) p.rejected = { ...extra.rejected, value: valueIn(extra.rejected.value, leaf.slice(path.length + 1)) ?? extra.rejected.value };
      provenance[leaf] = p;
    }
  };

  for (const [path, value] of baseUnits.values) {
    const rule = ruleFor(path);
    const category = whitelistCategory(rule, path);
    if (category && base.tier === "enterprise") {
      const problem = whitelistProblem(approved, category, selectedType(value));
      if (problem) violations.push(violationAt(base, "PLUGIN_NOT_APPROVED", rule.atomic ? `${path}.type` : path, `${problem} (the enterprise's own default must be approved)`));
    }
    if (!childUnits.values.has(path)) record(path, value, base, rule);
  }
  if (!domain) return { resolved: unflatten(merged), provenance, violations };

  const exceptions = options.today === undefined ? [] : exceptionsOf(base.manifest);
  const domainName = domain.manifest.metadata.name;
  /**
   * Refuses a domain value: the violation, and the enterprise value (if any) applies with the refusal on record.
   * An active exception naming the rule and the domain lets the value stand instead; an expired one no longer
   * does, and the refusal says so.
   */
  const reject = (path: string, child: unknown, applies: unknown, rule: InheritanceRule, code: ViolationCode, message: string, at = path, floeDefault = false, locateAs = at) => {
    const excepted = exceptionFor(exceptions, rule, domainName, options.today) ?? undefined;
    if (excepted?.state === "active") return record(path, child, domain, rule, { excepted });
    const expiredNote = excepted ? ` (the exception for '${excepted.pattern}' expired on ${excepted.until})` : "";
    violations.push(violationAt(domain, code, at, message + expiredNote, locateAs));
    const rejected: Rejection = { value: child, code, tier: domain.tier, ref: domain.ref };
    if (applies !== undefined) record(path, applies, base, rule, { rejected, floeDefault, excepted });
  };
  const locked = lockedObjects(baseUnits);

  for (const [path, child] of childUnits.values) {
    const rule = ruleFor(path);
    const baseValue = baseUnits.values.get(path);
    const lock = lockOf(locked, path);
    if (lock && !sameValue(baseValue, child)) {
      const tier = lock[0].split(".").pop();
      reject(path, child, baseValue, rule, lock[1].code, `'${path}' cannot be changed: the enterprise locks quality-gate tier '${tier}' (overridable: false); domain sets ${show(child)}, enterprise ${baseValue === undefined ? "sets nothing" : `has ${show(baseValue)}`}`);
      continue;
    }
    const category = whitelistCategory(rule, path);
    if (category) {
      const problem = whitelistProblem(approved, category, selectedType(child));
      if (problem) reject(path, child, baseValue, rule, rule.code, problem, rule.atomic ? `${path}.type` : path);
      else record(path, child, domain, rule);
      continue;
    }
    if (baseValue === undefined) {
      // Nothing stated to weaken, but floe's default fills a present enterprise object, enterprise-only fields
      // stay enterprise-only and ceilings still hold.
      const floor = rule.floeDefault !== undefined && baseUnits.objects.has(parentOf(path)) ? rule.floeDefault : undefined;
      const outcome =
        rule.kind === "enterprise-only"
          ? { value: undefined, problem: `'${path}' may only be set by the enterprise manifest` }
          : rule.kind === "within-bounds" || (rule.kind === "only-strengthen" && floor !== undefined)
            ? applyRule(rule, path, floor, child, bounds)
            : { value: child };
      if (outcome.problem) reject(path, child, floor, rule, rule.code, floor !== undefined ? `${outcome.problem} (${show(floor)} is floe's default for the enterprise's '${parentOf(path)}')` : outcome.problem, path, floor !== undefined);
      else record(path, child, domain, rule);
      continue;
    }
    const outcome = applyRule(rule, path, baseValue, child, bounds);
    if (outcome.problem) reject(path, child, baseValue, rule, rule.code, outcome.problem, rule.atomic ? `${path}.type` : path);
    else if (rule.kind === "additive") {
      merged.set(path, outcome.value);
      (outcome.value as unknown[]).forEach((item, i) => {
        const from = i < (baseValue as unknown[]).length ? base : domain;
        for (const leaf of leafPaths(`${path}.${i}`, item)) provenance[leaf] = { tier: from.tier, ref: from.ref, version: from.manifest.metadata.version, locked: from === base, rule: rule.kind };
      });
    } else record(path, outcome.value, outcome.value === baseValue ? base : domain, rule);
  }

  // floe fills its defaults into a present domain object too: `naming: {pattern: kimball}` under an
  // enterprise's `naming: {enforcement: strict}` reads as enforcement 'warn', and floe refuses it.
  for (const rule of DEFAULTED_RULES) {
    const object = parentOf(rule.path);
    if (!childUnits.objects.has(object) || childUnits.values.has(rule.path) || !baseUnits.objects.has(object)) continue;
    const stated = baseUnits.values.get(rule.path);
    const floor = stated ?? rule.floeDefault;
    if (atLeastAsStrong(rule, rule.floeDefault, floor)) continue;
    const field = rule.path.replace(/^governance\./, "");
    const key = rule.path.slice(object.length + 1);
    const message = `${weakenVerb(rule)} '${field}' from ${show(floor)} to ${show(rule.floeDefault)}: the domain's '${object}' leaves '${key}' out, which floe reads as its default ${show(rule.floeDefault)}. Restate ${key}: ${show(floor)} (or leave '${object}' out to inherit it).`;
    reject(rule.path, rule.floeDefault, floor, rule, rule.code, message, rule.path, stated === undefined, object);
  }
  return { resolved: unflatten(merged), provenance, violations };
}

import type { ExceptionPolicyType } from "../manifest/schema/governance";
import type { Manifest } from "../manifest/schema/manifest";
import type { InheritanceRule } from "./rules";

/**
 * Time-boxed exceptions: the enterprise's `governance.policy_overrides` (floe's own list, so the
 * published YAML stays floe-valid) read as "domains matching `pattern` may weaken the rules of
 * `policy_types` until `expires`". Pure: the day is a parameter, never the clock.
 */
export interface PolicyException {
  /** floe's glob (fnmatch: `*`, `?`), matched against the domain's name. */
  pattern: string;
  policyTypes: readonly ExceptionPolicyType[];
  /** ISO date; the exception applies up to and including that day (floe skips an override once today > expires). */
  expires: string;
  reason: string;
}

/** What an exception did to one value: it applied (the domain's weaker value stands) or it had expired. */
export interface ExceptionUse {
  state: "active" | "expired";
  until: string;
  reason: string;
  pattern: string;
  policyType: ExceptionPolicyType;
}

/** How a chain is resolved: `today` (YYYY-MM-DD, UTC) switches exceptions on; without it none applies. */
export interface ResolveOptions {
  today?: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an instant, the `today` every resolution of that instant uses. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** Expired when the day is after `expires` (ISO dates compare as strings); an unreadable date counts as expired. */
export const isExpired = (expires: string, today: string): boolean => !ISO_DAY.test(expires) || today > expires;

/** fnmatch as floe uses it: `*` any run, `?` one character, everything else literal. */
export function globMatches(pattern: string, name: string): boolean {
  if (pattern.length > 200) return false;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(name);
}

/**
 * The enterprise's exceptions as the console applies them: overrides with a date (floe's without
 * `expires` never expire, so the console never treats one as time-boxed) and named policy types,
 * minus the types the enterprise marks `governance_bounds.no_exceptions`.
 */
export function exceptionsOf(enterprise: Manifest): PolicyException[] {
  const overrides = enterprise.governance?.policy_overrides;
  if (!Array.isArray(overrides)) return [];
  const forbidden = new Set(enterprise.governance_bounds?.no_exceptions ?? []);
  return overrides.flatMap((o) => {
    if (typeof o.expires !== "string" || !Array.isArray(o.policy_types)) return [];
    const policyTypes = o.policy_types.filter((t) => !forbidden.has(t));
    return policyTypes.length ? [{ pattern: o.pattern, policyTypes, expires: o.expires, reason: o.reason }] : [];
  });
}

/**
 * The exception covering a rule for a domain on a day: an active one if any (the latest expiry
 * wins), else the newest expired one so the refusal can say so; null when none names the rule
 * and scope, or when no day was given.
 */
export function exceptionFor(exceptions: readonly PolicyException[], rule: InheritanceRule, domain: string, today: string | undefined): ExceptionUse | null {
  const type = rule.exceptable;
  if (!type || today === undefined || exceptions.length === 0) return null;
  let best: ExceptionUse | null = null;
  for (const e of exceptions) {
    if (!e.policyTypes.includes(type) || !globMatches(e.pattern, domain)) continue;
    const use: ExceptionUse = { state: isExpired(e.expires, today) ? "expired" : "active", until: e.expires, reason: e.reason, pattern: e.pattern, policyType: type };
    if (!best || (use.state === "active" && best.state === "expired") || (use.state === best.state && use.until > best.until)) best = use;
  }
  return best;
}

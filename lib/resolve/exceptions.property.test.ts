import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseManifest } from "../manifest/parse";
import type { Violation } from "../violations";
import { resolveChain } from "./chain";
import { globMatches, isExpired } from "./exceptions";
import { mergeChain, type MergeResult, type TierDoc } from "./merge";
import { assert, isRecord, same, valueAt } from "../../test/support/property";

/**
 * Time-boxed exceptions (the enterprise's `governance.policy_overrides` with `expires`): generated
 * enterprises, domains, overrides and days, checked against an oracle written from floe's policy
 * types, not from lib/resolve/rules.ts. A failure prints fast-check's seed and path.
 */

// ---- the oracle: which fields each floe policy type may relax ------------------------------------
const FIELDS_OF: Record<string, string[]> = {
  naming: ["governance.naming.enforcement"],
  coverage: ["governance.quality_gates.minimum_test_coverage", "governance.quality_gates.layer_thresholds.bronze", "governance.quality_gates.layer_thresholds.silver", "governance.quality_gates.layer_thresholds.gold"],
  documentation: ["governance.quality_gates.require_descriptions", "governance.quality_gates.require_column_descriptions"],
  data_contract: ["governance.data_contracts.enforcement"],
  rbac: ["governance.rbac.enabled"],
  secret_scanning: ["governance.secret_scanning.enabled"],
  // Named by floe, but the console lets no exception touch security policy or rules it does not hold.
  network_policy: [],
  semantic: [],
  custom: [],
};
const TYPES = Object.keys(FIELDS_OF);

const get = valueAt;
function leaves(root: unknown, prefix = ""): string[] {
  if (!isRecord(root)) return prefix ? [prefix] : [];
  const keys = Object.keys(root);
  if (keys.length === 0) return prefix ? [prefix] : [];
  return keys.flatMap((k) => leaves(root[k], prefix ? `${prefix}.${k}` : k));
}

// ---- generators -----------------------------------------------------------------------------------
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) });
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });
const level = fc.constantFrom("off", "warn", "strict");
const pct = fc.constantFrom(0, 50, 80, 100);
const bool = fc.boolean();
const governance = partial({
  pii_encryption: maybe(fc.constantFrom("optional", "required")),
  audit_logging: maybe(fc.constantFrom("disabled", "enabled")),
  policy_enforcement_level: maybe(level),
  data_retention_days: maybe(fc.constantFrom(7, 30, 365)),
  naming: maybe(partial({ enforcement: level, pattern: fc.constantFrom("medallion", "kimball") })),
  quality_gates: maybe(partial({ minimum_test_coverage: pct, require_descriptions: bool, require_column_descriptions: bool, block_on_failure: bool, layer_thresholds: maybe(partial({ bronze: pct, silver: pct, gold: pct })) })),
  data_contracts: maybe(partial({ enforcement: level })),
  rbac: maybe(partial({ enabled: bool })),
  secret_scanning: maybe(partial({ enabled: bool })),
  network_policies: maybe(partial({ enabled: bool, default_deny: bool })),
});
const DOMAINS = ["sales", "marketing", "sales-eu", "a.b", "__proto__", "constructor"];
const PATTERNS = ["sales", "sales*", "*", "s?les", "marketing", "a.b", "a*b", "(", "[x]", "__proto__", "*eu", ""];
const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const override = fc.record({
  pattern: fc.constantFrom(...PATTERNS),
  action: fc.constantFrom("downgrade", "exclude"),
  reason: fc.constantFrom("migration", "legacy models"),
  expires: fc.oneof({ weight: 6, arbitrary: day }, { weight: 1, arbitrary: fc.constantFrom(null, "not-a-date", "2026-13-45") }),
  policy_types: fc.oneof({ weight: 6, arbitrary: fc.subarray(TYPES, { minLength: 1 }) }, { weight: 1, arbitrary: fc.constantFrom(null, []) }),
});
const enterpriseArb = fc.record({
  governance: fc.oneof({ weight: 5, arbitrary: governance.chain((g) => fc.array(override, { maxLength: 4 }).map((o) => ({ ...g, policy_overrides: o }))) }, { weight: 1, arbitrary: fc.constantFrom(null, {}) }),
  governance_bounds: maybe(fc.record({ no_exceptions: fc.subarray(TYPES) })),
});
const domainArb = fc.record({ name: fc.constantFrom(...DOMAINS), governance: maybe(governance) });

const header = (name: string) => ({ apiVersion: "floe.dev/v1", kind: "Manifest", metadata: { name, version: "1.0.0", owner: "o" } });
const stub = parseManifest("{}", "generated.yaml");
const doc = (tier: "enterprise" | "domain", name: string, body: Record<string, unknown>): TierDoc => ({ tier, ref: tier, parsed: stub, manifest: { ...header(name), ...body } as TierDoc["manifest"] });

type Enterprise = { governance: unknown; governance_bounds?: { no_exceptions: string[] } | null };
type Domain = { name: string; governance?: unknown };
const merge = (e: Enterprise, d: Domain, today?: string): MergeResult => mergeChain(doc("enterprise", "ent", e), doc("domain", d.name, { governance: d.governance }), today === undefined ? {} : { today });
const errorKeys = (vs: Violation[]) => vs.filter((v) => v.severity === "error").map((v) => `${v.code}|${v.path}`).sort();
const overridesOf = (e: Enterprise) => (isRecord(e.governance) && Array.isArray(e.governance.policy_overrides) ? (e.governance.policy_overrides as { pattern: string; expires: unknown; policy_types: unknown }[]) : []);

/** The oracle: the fields an active exception lets this domain relax on this day. */
function relaxable(e: Enterprise, domain: string, today: string): Set<string> {
  const forbidden = new Set(e.governance_bounds?.no_exceptions ?? []);
  const fields = new Set<string>();
  for (const o of overridesOf(e)) {
    if (typeof o.expires !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(o.expires) || today > o.expires || !Array.isArray(o.policy_types)) continue;
    if (!globMatches(o.pattern, domain)) continue;
    for (const t of o.policy_types as string[]) if (!forbidden.has(t)) for (const f of FIELDS_OF[t]) fields.add(f);
  }
  return fields;
}
const within = (path: string, fields: Set<string>) => [...fields].some((f) => path === f || path.startsWith(`${f}.`));

describe("time-boxed exceptions (generated chains)", { timeout: 60_000 }, () => {
  it("an expired exception never weakens anything: resolving after every expiry equals resolving with no exceptions", () => {
    fc.assert(
      fc.property(enterpriseArb, domainArb, (e, d) => {
        const without = merge(e, d);
        const after = merge(e, d, "2027-01-01");
        assert(same(after.resolved, without.resolved), () => `resolved differs after expiry: ${JSON.stringify(after.resolved)} vs ${JSON.stringify(without.resolved)}`);
        assert(same(errorKeys(after.violations), errorKeys(without.violations)), () => `violations differ after expiry: ${errorKeys(after.violations)} vs ${errorKeys(without.violations)}`);
        for (const [path, p] of Object.entries(after.provenance)) assert(p.excepted?.state !== "active", () => `${path} marked excepted after expiry`);
      }),
      { numRuns: 3000 },
    );
  });

  it("an exception weakens only its named rule, for its named scope, until its day", () => {
    fc.assert(
      fc.property(enterpriseArb, domainArb, day, (e, d, today) => {
        const without = merge(e, d);
        const withExceptions = merge(e, d, today);
        const fields = relaxable(e, d.name, today);
        // Every resolved value that moved sits under a field an active exception names for this domain.
        const paths = new Set([...leaves(without.resolved), ...leaves(withExceptions.resolved)]);
        for (const path of paths) {
          if (same(get(without.resolved, path), get(withExceptions.resolved, path))) continue;
          assert(within(path, fields), () => `${path} changed (${JSON.stringify(get(without.resolved, path))} → ${JSON.stringify(get(withExceptions.resolved, path))}) without an active exception for '${d.name}' on ${today}`);
          assert(withExceptions.provenance[path]?.excepted?.state === "active", () => `${path} changed but its provenance does not say excepted`);
        }
        // Exceptions only remove refusals, and only those of the fields they name.
        const before = errorKeys(without.violations);
        const after = errorKeys(withExceptions.violations);
        for (const k of after) assert(before.includes(k), () => `exception added violation ${k}`);
        for (const k of before) if (!after.includes(k)) assert(within(k.split("|")[1], fields), () => `violation ${k} disappeared without an exception naming it`);
      }),
      { numRuns: 3000 },
    );
  });

  it("a domain no pattern names resolves exactly as without exceptions", () => {
    fc.assert(
      fc.property(enterpriseArb, domainArb, day, (e, d, today) => {
        if (overridesOf(e).some((o) => globMatches(o.pattern, d.name))) return;
        const a = merge(e, d);
        const b = merge(e, d, today);
        assert(same(a.resolved, b.resolved) && same(errorKeys(a.violations), errorKeys(b.violations)), () => `'${d.name}' changed by exceptions that do not name it`);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("time-boxed exceptions (examples, through the YAML reader)", () => {
  const enterprise = `apiVersion: floe.dev/v1
kind: Manifest
metadata: {name: acme, version: 1.0.0, owner: cto}
scope: enterprise
plugins: {compute: {type: duckdb}, orchestrator: {type: dagster}}
governance:
  pii_encryption: required
  naming: {enforcement: strict}
  quality_gates: {minimum_test_coverage: 80}
  policy_overrides:
    - pattern: sales
      action: downgrade
      reason: "Legacy models being renamed (granted by cto@acme.example)"
      expires: 2026-06-30
      policy_types: [naming]
`;
  const domain = (name: string) => `apiVersion: floe.dev/v1
kind: Manifest
metadata: {name: ${name}, version: 1.0.0, owner: o}
scope: domain
parent_manifest: oci://r/acme:1.0.0
plugins: {compute: {type: duckdb}}
governance:
  pii_encryption: optional
  naming: {enforcement: warn}
  quality_gates: {minimum_test_coverage: 60}
`;
  const chain = async (name: string, today?: string, ent = enterprise) => {
    const e = parseManifest(ent, "acme.yaml", { ref: "oci://r/acme:1.0.0" });
    const d = parseManifest(domain(name), `${name}.yaml`, { ref: `oci://r/${name}:1.0.0` });
    return resolveChain(d, async (ref) => (ref === "oci://r/acme:1.0.0" ? e : null), today ? { today } : {});
  };
  const codes = (r: Awaited<ReturnType<typeof chain>>) => r.violations.filter((v) => v.severity === "error").map((v) => `${v.code} ${v.path}`);

  it("applies to its rule and domain until the day it names, inclusive", async () => {
    const r = await chain("sales", "2026-06-30");
    expect(codes(r)).toEqual(["SECURITY_POLICY_OVERRIDE governance.pii_encryption", "POLICY_WEAKENED governance.quality_gates.minimum_test_coverage"]);
    expect((r.resolved as { governance: { naming: { enforcement: string } } }).governance.naming.enforcement).toBe("warn");
    expect(r.provenance["governance.naming.enforcement"]).toMatchObject({ tier: "domain", excepted: { state: "active", until: "2026-06-30", policyType: "naming", pattern: "sales" } });
    expect(r.provenance["governance.naming.enforcement"].excepted?.reason).toContain("granted by cto@acme.example");
  });

  it("stops applying the next day, and the refusal says it expired", async () => {
    const r = await chain("sales", "2026-07-01");
    expect(codes(r)).toContain("POLICY_WEAKENED governance.naming.enforcement");
    expect(r.violations.find((v) => v.path === "governance.naming.enforcement")?.message).toContain("expired on 2026-06-30");
    expect(r.provenance["governance.naming.enforcement"]).toMatchObject({ tier: "enterprise", excepted: { state: "expired" }, rejected: { value: "warn" } });
  });

  it("does nothing for another domain, without a day, or for a type the enterprise protects", async () => {
    expect(codes(await chain("marketing", "2026-06-01"))).toContain("POLICY_WEAKENED governance.naming.enforcement");
    expect(codes(await chain("sales"))).toContain("POLICY_WEAKENED governance.naming.enforcement");
    const protectedNaming = `${enterprise}governance_bounds: {no_exceptions: [naming]}\n`;
    expect(codes(await chain("sales", "2026-06-01", protectedNaming))).toContain("POLICY_WEAKENED governance.naming.enforcement");
  });

  it("reads floe's glob and dates as floe does", () => {
    expect(globMatches("sales*", "sales-eu")).toBe(true);
    expect(globMatches("s?les", "sales")).toBe(true);
    expect(globMatches("a.b", "axb")).toBe(false);
    expect(globMatches("(", "(")).toBe(true);
    expect(isExpired("2026-06-30", "2026-06-30")).toBe(false);
    expect(isExpired("2026-06-30", "2026-07-01")).toBe(true);
    expect(isExpired("someday", "2026-01-01")).toBe(true);
  });
});

import fc from "fast-check";
import { describe, it } from "vitest";
import { stringify } from "yaml";
import { parseManifest, parseProduct } from "../manifest/parse";
import type { Violation } from "../violations";
import { resolveChain } from "./chain";
import { mergeChain, type TierDoc } from "./merge";
import { resolveAgainst } from "./resolve";
import { assert, isRecord, same, valueAt } from "../../test/support/property";

/**
 * Property tests of the merge: generated enterprise and domain manifests (empty mappings, nulls,
 * absent keys, hostile keys, shorthand through the parser) against an oracle written from floe-core's
 * source, not from lib/resolve/rules.ts: its orderings (schemas/validation.py) and its defaults
 * (schemas/governance.py). A failure prints fast-check's seed and path, so it can be replayed.
 */

// ---- the oracle: floe's orderings and defaults -------------------------------------------------

const LEVELS = ["off", "warn", "strict"];
const ORDER: Record<string, readonly unknown[]> = {
  "governance.pii_encryption": ["optional", "required"],
  "governance.audit_logging": ["disabled", "enabled"],
  "governance.policy_enforcement_level": LEVELS,
  "governance.naming.enforcement": LEVELS,
  "governance.data_contracts.enforcement": LEVELS,
};
/** Never-weaken fields and floe's default for each (undefined: floe has none, the field is null when left out). */
const NEVER_WEAKEN: Record<string, unknown> = {
  "governance.pii_encryption": undefined,
  "governance.audit_logging": undefined,
  "governance.policy_enforcement_level": undefined,
  "governance.data_retention_days": undefined,
  "governance.naming.enforcement": "warn",
  "governance.quality_gates.minimum_test_coverage": 80,
  "governance.quality_gates.require_descriptions": false,
  "governance.quality_gates.require_column_descriptions": false,
  "governance.quality_gates.block_on_failure": true,
  "governance.quality_gates.layer_thresholds.bronze": 50,
  "governance.quality_gates.layer_thresholds.silver": 80,
  "governance.quality_gates.layer_thresholds.gold": 100,
  // ADR-0038 rules floe-core lacks, on floe's own scales and defaults.
  "governance.data_contracts.enforcement": "warn",
  "governance.rbac.enabled": false,
  "governance.secret_scanning.enabled": false,
  "governance.network_policies.enabled": false,
  "governance.network_policies.default_deny": true,
  "plugins.quality.thresholds.min_score": undefined,
};
const ENTERPRISE_ONLY = ["approved_plugins", "approved_sinks", "plugins.telemetry_backend", "plugins.lineage_backend", "observability", "governance.policy_overrides"];
const CATEGORIES = ["compute", "orchestrator", "catalog", "dbt"];

const rank = (path: string, v: unknown): number => {
  const order = ORDER[path];
  if (order) return order.indexOf(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return typeof v === "number" ? v : Number.NaN;
};
const weaker = (path: string, candidate: unknown, floor: unknown) => rank(path, candidate) < rank(path, floor);

/** The value at a path, own properties only; null counts as absent (floe's None). */
const get = (root: unknown, path: string): unknown => valueAt(root, path) ?? undefined;
const parent = (path: string) => path.slice(0, path.lastIndexOf("."));
/** How floe reads a field: the value, else its default when the object holding it is present. */
function effective(doc: unknown, path: string): unknown {
  const v = get(doc, path);
  if (v !== undefined) return v;
  return isRecord(get(doc, parent(path))) ? NEVER_WEAKEN[path] : undefined;
}

/** Every invariant of a merge of enterprise `e` and domain `d` (their normalised manifests) into `resolved`. */
function checkInvariants(e: Record<string, unknown>, d: Record<string, unknown> | null, resolved: Record<string, unknown>, violations: Violation[]) {
  const flagged = (path: string) => violations.some((v) => v.severity === "error" && (v.path === path || v.path.startsWith(`${path}.`)));

  // 1. Every enterprise-only leaf resolves to the enterprise's value.
  for (const path of ENTERPRISE_ONLY) {
    const ev = get(e, path);
    if (ev !== undefined && !(isRecord(ev) && Object.keys(ev).length === 0)) assert(same(get(resolved, path), ev), () => `${path}: resolved ${JSON.stringify(get(resolved, path))}, enterprise ${JSON.stringify(ev)}`);
  }

  for (const [path] of Object.entries(NEVER_WEAKEN)) {
    const floor = effective(e, path);
    if (floor === undefined) continue;
    // 2. Every never-weaken field resolves at least as strong as the enterprise, as floe reads both.
    const got = effective(resolved, path);
    assert(got !== undefined && !weaker(path, got, floor), () => `${path}: resolved ${JSON.stringify(got)} is weaker than the enterprise's ${JSON.stringify(floor)}`);
    // 3. A weaker domain value (as floe reads the domain) always yields a violation.
    if (d && isRecord(get(e, parent(path)))) {
      const asked = effective(d, path);
      if (asked !== undefined && weaker(path, asked, floor)) assert(flagged(path), () => `${path}: domain ${JSON.stringify(asked)} under ${JSON.stringify(floor)} passed`);
    }
  }

  // 4. No whitelisted category resolves outside its whitelist without a violation.
  const approved = (get(e, "approved_plugins") ?? {}) as Record<string, unknown>;
  const outside = (category: string, type: unknown) => Array.isArray(approved[category]) && !(approved[category] as unknown[]).includes(type);
  for (const category of CATEGORIES) {
    const type = get(resolved, `plugins.${category}.type`);
    if (type !== undefined && outside(category, type)) assert(flagged(`plugins.${category}`), () => `plugins.${category}: ${String(type)} resolved outside the whitelist`);
  }
  const provider = get(resolved, "plugins.quality.provider");
  if (provider !== undefined && outside("quality", provider)) assert(flagged("plugins.quality.provider"), () => `quality provider ${String(provider)} resolved outside the whitelist`);
  const defaultCompute = get(resolved, "defaults.compute");
  if (defaultCompute !== undefined && outside("compute", defaultCompute)) assert(flagged("defaults.compute"), () => `defaults.compute ${String(defaultCompute)} resolved outside the whitelist`);
}

// ---- generators ----------------------------------------------------------------------------------

/** A value that may also be absent (undefined) or an explicit null. */
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) });
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });
const pct = fc.constantFrom(0, 10, 50, 70, 80, 90, 100);
const level = fc.constantFrom(...LEVELS);
const bool = fc.boolean();
const computeTypes = fc.constantFrom("duckdb", "snowflake", "spark");
const plugin = (types: string[]) => fc.record({ type: fc.constantFrom(...types) });

const governance = partial({
  pii_encryption: maybe(fc.constantFrom("optional", "required")),
  audit_logging: maybe(fc.constantFrom("disabled", "enabled")),
  policy_enforcement_level: maybe(level),
  data_retention_days: maybe(fc.constantFrom(7, 30, 90, 365, 400)),
  default_ttl_hours: maybe(fc.constantFrom(1, 48)),
  naming: maybe(partial({ enforcement: level, pattern: fc.constantFrom("medallion", "kimball") })),
  quality_gates: maybe(
    partial({
      minimum_test_coverage: pct,
      require_descriptions: bool,
      require_column_descriptions: bool,
      block_on_failure: bool,
      layer_thresholds: maybe(partial({ bronze: pct, silver: pct, gold: pct })),
    }),
  ),
  data_contracts: maybe(partial({ enforcement: level })),
  rbac: maybe(partial({ enabled: bool })),
  secret_scanning: maybe(partial({ enabled: bool })),
  network_policies: maybe(partial({ enabled: bool, default_deny: bool, custom_egress_rules: maybe(fc.array(fc.record({ name: fc.constantFrom("a", "b", "c") }), { maxLength: 3 })) })),
  custom_rules: maybe(fc.array(fc.record({ type: fc.constant("require_meta_field"), field: fc.constantFrom("owner", "cost") }), { maxLength: 2 })),
  policy_overrides: maybe(fc.array(fc.record({ pattern: fc.constant("x*"), action: fc.constantFrom("downgrade", "exclude"), reason: fc.constant("r") }), { maxLength: 1 })),
});

const gateTier = partial({ min_test_coverage: pct, min_score: pct, overridable: bool });
const plugins = partial({
  compute: maybe(plugin(["duckdb", "snowflake", "spark"])),
  orchestrator: maybe(plugin(["dagster", "airflow"])),
  catalog: maybe(plugin(["polaris", "glue"])),
  dbt: maybe(plugin(["core", "fusion"])),
  telemetry_backend: maybe(plugin(["datadog", "jaeger"])),
  lineage_backend: maybe(plugin(["marquez", "atlan"])),
  quality: maybe(
    fc.record(
      { provider: fc.constantFrom("great_expectations", "soda"), quality_gates: maybe(partial({ bronze: gateTier, silver: gateTier, gold: gateTier })), thresholds: maybe(partial({ min_score: pct })) },
      { requiredKeys: ["provider"] },
    ),
  ),
});
const subset = (values: string[]) => fc.subarray(values);

const enterpriseArb = partial({
  approved_plugins: maybe(partial({ compute: subset(["duckdb", "snowflake", "spark"]), orchestrator: subset(["dagster", "airflow"]), dbt: subset(["core", "fusion"]), quality: subset(["great_expectations", "soda"]) })),
  approved_sinks: maybe(subset(["postgres", "salesforce"])),
  plugins,
  governance: maybe(governance),
  observability: maybe(partial({ logging: partial({ level: fc.constantFrom("INFO", "DEBUG") }) })),
  defaults: maybe(partial({ compute: computeTypes })),
  governance_bounds: maybe(fc.record({ data_retention_days: partial({ max: fc.constantFrom(90, 365) }) })),
});
const domainArb = partial({
  plugins: maybe(plugins),
  governance: maybe(governance),
  observability: maybe(partial({ logging: partial({ level: fc.constantFrom("INFO", "DEBUG") }) })),
  defaults: maybe(partial({ compute: computeTypes })),
  approved_products: maybe(fc.array(fc.constantFrom("p", "q"), { maxLength: 2 })),
});

/** Keys that reach prototypes through careless assignment, or that read as paths. */
const HOSTILE = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "a.b", "__proto__.polluted", "constructor.prototype"];
const hostileKeys = fc.array(fc.tuple(fc.constantFrom("", "plugins", "governance", "defaults", "plugins.compute", "governance.naming"), fc.constantFrom(...HOSTILE), fc.constantFrom<unknown>({ polluted: 1 }, "x", 1, { prototype: { polluted: 2 } })), { maxLength: 4 });

/** Adds own properties (as JSON.parse would) with hostile names at random places. */
function withHostileKeys(doc: Record<string, unknown>, keys: [string, string, unknown][]): Record<string, unknown> {
  for (const [at, key, value] of keys) {
    const target = at ? get(doc, at) : doc;
    if (isRecord(target)) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return doc;
}

const header = (name: string) => ({ apiVersion: "floe.dev/v1", kind: "Manifest", metadata: { name, version: "1.0.0", owner: "o" } });
const stubParsed = parseManifest("{}", "generated.yaml");
const tierDoc = (tier: "enterprise" | "domain", body: Record<string, unknown>): TierDoc => ({ tier, ref: tier, parsed: stubParsed, manifest: { ...header(tier), ...body } as TierDoc["manifest"] });

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
function prototypeUntouched() {
  assert(same(Object.getOwnPropertyNames(Object.prototype).sort(), PROTO_NAMES), () => "Object.prototype gained a property");
  assert(({} as Record<string, unknown>).polluted === undefined, () => "Object.prototype polluted");
  assert((Object.prototype.toString as unknown as Record<string, unknown>).polluted === undefined, () => "Object.prototype.toString polluted");
}

// ---- the properties ------------------------------------------------------------------------------

// No timing is asserted; the generous timeout only keeps a loaded CI machine from failing a correct run.
describe("merge properties (generated manifests)", { timeout: 60_000 }, () => {
  it("holds every invariant on thousands of enterprise → domain chains", () => {
    fc.assert(
      fc.property(enterpriseArb, domainArb, (e, d) => {
        const merged = mergeChain(tierDoc("enterprise", e), tierDoc("domain", d));
        checkInvariants(e, d, merged.resolved, merged.violations);
      }),
      { numRuns: 2000 },
    );
  });

  it("a domain made of empty mappings changes nothing the enterprise set", () => {
    const empties = partial({ plugins: fc.constant({}), governance: fc.constant({}), defaults: fc.constant({}), observability: fc.constant({}) });
    fc.assert(
      fc.property(enterpriseArb, empties, (e, d) => {
        const alone = mergeChain(tierDoc("enterprise", e), null);
        const merged = mergeChain(tierDoc("enterprise", e), tierDoc("domain", d));
        assert(same(merged.resolved, alone.resolved), () => "an empty domain mapping changed the resolved configuration");
        assert(!merged.violations.some((v) => v.tier === "domain"), () => "an empty domain mapping raised a violation");
      }),
      { numRuns: 500 },
    );
  });

  it("never touches Object.prototype, whatever keys the documents hold", () => {
    fc.assert(
      fc.property(enterpriseArb, domainArb, hostileKeys, hostileKeys, (e, d, he, hd) => {
        const merged = mergeChain(tierDoc("enterprise", withHostileKeys(e, he)), tierDoc("domain", withHostileKeys(d, hd)));
        prototypeUntouched();
        // Nothing resolved under a dangerous key, and no dotted key was split into a path.
        assert(!/"(__proto__|constructor|prototype)":/.test(JSON.stringify(merged.resolved)), () => `dangerous key resolved: ${JSON.stringify(merged.resolved)}`);
        assert(!Object.keys(merged.provenance).some((p) => p.split(".").some((s) => s === "__proto__" || s === "constructor" || s === "prototype")), () => "dangerous provenance path");
      }),
      { numRuns: 1000 },
    );
  });

  it("holds the invariants through the YAML reader, shorthand included", async () => {
    const shorthand = (doc: Record<string, unknown>, on: boolean) => {
      const p = doc.plugins;
      if (!on || !isRecord(p)) return doc;
      // ADR shorthand: `compute: snowflake` for `compute: {type: snowflake}`.
      const short = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, isRecord(v) && k !== "quality" && Object.keys(v).length === 1 && typeof v.type === "string" ? v.type : v]));
      return { ...doc, plugins: short };
    };
    await fc.assert(
      fc.asyncProperty(enterpriseArb, domainArb, fc.boolean(), async (e, d, short) => {
        const eText = stringify({ ...header("ent"), scope: "enterprise", ...shorthand(e, short) });
        const dText = stringify({ ...header("dom"), scope: "domain", parent_manifest: "oci://r/e:1.0.0", ...shorthand(d, short) });
        const ep = parseManifest(eText, "e.yaml", { ref: "oci://r/e:1.0.0" });
        const dp = parseManifest(dText, "d.yaml", { ref: "oci://r/d:1.0.0" });
        if (!ep.manifest || !dp.manifest) return; // the schema refused a generated combination: not a merge question
        const chain = await resolveChain(dp, async (ref) => (ref === "oci://r/e:1.0.0" ? ep : null));
        assert(chain.resolved !== null, () => "the chain did not resolve");
        checkInvariants(ep.manifest, dp.manifest, chain.resolved!, chain.violations);
      }),
      { numRuns: 100 },
    );
  });
});

describe("product-level whitelist properties (generated products)", { timeout: 60_000 }, () => {
  const enterpriseText = (approved: string[], sinks: string[] | null) =>
    stringify({ ...header("ent"), scope: "enterprise", approved_plugins: { compute: approved }, ...(sinks ? { approved_sinks: sinks } : {}), plugins: { compute: { type: "duckdb" }, orchestrator: { type: "dagster" } } });
  const domainText = (compute: string | null, defaults: string | null) =>
    stringify({ ...header("dom"), scope: "domain", parent_manifest: "oci://r/e:1.0.0", approved_products: ["p"], plugins: compute ? { compute: { type: compute } } : {}, ...(defaults ? { defaults: { compute: defaults } } : {}) });
  const computes = ["duckdb", "snowflake", "spark"];

  it("no transform runs, and no destination writes, outside what its chain allows without a violation", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(computes),
        maybe(fc.subarray(["postgres", "salesforce", "kafka"])),
        maybe(fc.constantFrom(...computes)),
        maybe(fc.constantFrom(...computes)),
        fc.array(maybe(fc.constantFrom(...computes)), { minLength: 1, maxLength: 3 }),
        fc.array(fc.constantFrom("postgres", "salesforce", "kafka"), { maxLength: 3 }),
        async (approved, sinks, domainCompute, defaults, transformComputes, destinations) => {
          const ep = parseManifest(enterpriseText(approved, sinks ?? null), "e.yaml", { ref: "oci://r/e:1.0.0" });
          const dp = parseManifest(domainText(domainCompute ?? null, defaults ?? null), "d.yaml", { ref: "oci://r/d:1.0.0" });
          const chain = await resolveChain(dp, async (ref) => (ref === "oci://r/e:1.0.0" ? ep : null));
          const spec = {
            apiVersion: "floe.dev/v1",
            kind: "FloeSpec",
            metadata: { name: "p", version: "1.0.0" },
            platform: { manifest: "oci://r/d:1.0.0" },
            transforms: transformComputes.map((c, i) => ({ name: `t${i}`, ...(c ? { compute: c } : {}) })),
            ...(destinations.length ? { destinations: destinations.map((s, i) => ({ name: `d${i}`, sink_type: s, connection_secret_ref: "out" })) } : {}),
          };
          const r = resolveAgainst(parseProduct(stringify(spec), "floe.yaml"), "oci://r/d:1.0.0", chain);
          const flagged = (path: string) => r.violations.some((v) => v.severity === "error" && v.path === path);
          // The chain's selection (oracle: floe's resolve_transform_compute reads defaults.compute, then plugins.compute).
          const selected = new Set([get(chain.resolved, "plugins.compute.type"), get(chain.resolved, "defaults.compute")].filter((c) => c !== undefined));
          transformComputes.forEach((c, i) => {
            if (c && (!approved.includes(c) || !selected.has(c))) assert(flagged(`transforms.${i}.compute`), () => `transform compute ${c} (approved ${approved}, selected ${[...selected]}) passed`);
          });
          destinations.forEach((s, i) => {
            if (sinks && !sinks.includes(s)) assert(flagged(`destinations.${i}.sink_type`), () => `sink ${s} outside ${sinks} passed`);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { parseManifest, parseProduct } from "../manifest/parse";
import { flattenUnits, unflatten } from "./flatten";
import { mergeChain, type TierDoc } from "./merge";
import { resolve } from "./resolve";
import { ManifestStore } from "./store";

// Regression tests for issue 11's policy findings, one block per finding.

const E = "oci://r/floe/ent:1.0.0";
const D = "oci://r/floe/dom:1.0.0";
const header = (name: string) => `apiVersion: floe.dev/v1\nkind: Manifest\nmetadata: {name: ${name}, version: 1.0.0, owner: o}\n`;
const enterprise = (body: string) => `${header("ent")}scope: enterprise\n${body}`;
const domain = (body: string) => `${header("dom")}scope: domain\nparent_manifest: ${E}\napproved_products: [p]\n${body}`;
const BASE_PLUGINS = "plugins: {compute: {type: duckdb}, orchestrator: {type: dagster}}\n";
const ENTERPRISE_POLICY = `${BASE_PLUGINS}governance:
  pii_encryption: required
  audit_logging: enabled
  data_retention_days: 30
  network_policies: {enabled: true, default_deny: true}
  quality_gates: {minimum_test_coverage: 90, require_descriptions: true}
  naming: {pattern: medallion}
`;
const product = (extra = "") => parseProduct(`apiVersion: floe.dev/v1\nkind: FloeSpec\nplatform: {manifest: "${D}"}\nmetadata: {name: p, version: 1.0.0}\ntransforms: [{name: t}]\n${extra}`, "floe.yaml");
const store = (ent: string, dom: string) => new ManifestStore((ref) => (ref === E ? { text: ent, file: "ent.yaml" } : ref === D ? { text: dom, file: "dom.yaml" } : null));
const run = (ent: string, dom: string, extra = "") => resolve(product(extra), store(enterprise(ent), domain(dom)));
const errors = (vs: { severity: string; code: string; path: string }[]) => vs.filter((v) => v.severity === "error").map((v) => [v.code, v.path]);
const at = (root: unknown, path: string) => path.split(".").reduce<unknown>((n, s) => (n && typeof n === "object" ? (n as Record<string, unknown>)[s] : undefined), root);

describe("1. empty mappings never erase enterprise policy", () => {
  it.each([
    ["governance: {}", BASE_PLUGINS + "governance: {}\n"],
    ["plugins: {}", "plugins: {}\n"],
    ["no plugins key", ""],
    ["network_policies: {}", "governance: {network_policies: {}}\n"],
  ])("a domain with %s resolves the enterprise's values", async (_, dom) => {
    const r = await run(ENTERPRISE_POLICY, dom);
    const g = (r.resolved as { governance: Record<string, unknown> }).governance;
    expect(g).toMatchObject({ pii_encryption: "required", audit_logging: "enabled", data_retention_days: 30, quality_gates: { minimum_test_coverage: 90, require_descriptions: true } });
    expect(at(r.resolved, "plugins.compute.type")).toBe("duckdb");
    expect(at(r.resolved, "governance.network_policies.enabled")).toBe(true);
    expect(r.provenance["governance.pii_encryption"]).toMatchObject({ tier: "enterprise" });
  });

  it("quality_gates: {} keeps the enterprise's gates, and is refused where floe reads it as weaker (its defaults)", async () => {
    const r = await run(ENTERPRISE_POLICY, "governance: {quality_gates: {}}\n");
    expect(at(r.resolved, "governance.quality_gates")).toEqual({ minimum_test_coverage: 90, require_descriptions: true });
    // floe reads the domain's empty quality_gates as coverage 80 and require_descriptions false.
    expect(errors(r.violations)).toEqual([
      ["POLICY_WEAKENED", "governance.quality_gates.minimum_test_coverage"],
      ["POLICY_WEAKENED", "governance.quality_gates.require_descriptions"],
    ]);
  });
});

describe("2. never-weaken fills floe's defaults into present objects", () => {
  it.each([
    ["coverage 50 under require_descriptions (implies 80)", "quality_gates: {require_descriptions: true}", "quality_gates: {minimum_test_coverage: 50, require_descriptions: true}", "governance.quality_gates.minimum_test_coverage", 80],
    ["block_on_failure false (implied true)", "quality_gates: {minimum_test_coverage: 70}", "quality_gates: {minimum_test_coverage: 70, block_on_failure: false}", "governance.quality_gates.block_on_failure", true],
    ["bronze 10 under layer_thresholds (implies bronze 50)", "quality_gates: {layer_thresholds: {gold: 100}}", "quality_gates: {layer_thresholds: {bronze: 10}}", "governance.quality_gates.layer_thresholds.bronze", 50],
    ["naming off under pattern medallion (implies warn)", "naming: {pattern: medallion}", "naming: {enforcement: 'off'}", "governance.naming.enforcement", "warn"],
  ])("refuses %s and resolves the enterprise's defaulted value", async (_, ent, dom, path, expected) => {
    const r = await run(`${BASE_PLUGINS}governance: {${ent}}\n`, `governance: {${dom}}\n`);
    expect(errors(r.violations)).toEqual([["POLICY_WEAKENED", path]]);
    expect(at(r.resolved, path)).toBe(expected);
    expect(r.provenance[path]).toMatchObject({ tier: "enterprise", floeDefault: true, rejected: { code: "POLICY_WEAKENED", tier: "domain", ref: D } });
  });

  it("refuses a domain object whose left-out field floe reads as weaker (naming without enforcement under strict)", async () => {
    const r = await run(`${BASE_PLUGINS}governance: {naming: {enforcement: strict}}\n`, "governance: {naming: {pattern: kimball}}\n");
    expect(errors(r.violations)).toEqual([["POLICY_WEAKENED", "governance.naming.enforcement"]]);
    expect(r.violations.find((v) => v.severity === "error")?.message).toMatch(/leaves 'enforcement' out, which floe reads as its default 'warn'/);
    expect(at(r.resolved, "governance.naming")).toEqual({ enforcement: "strict", pattern: "kimball" });
  });

  it("accepts what floe accepts: equal or stronger values, and objects absent on either side", async () => {
    expect(errors((await run(`${BASE_PLUGINS}governance: {naming: {pattern: medallion}}\n`, "governance: {naming: {enforcement: strict}}\n")).violations)).toEqual([]);
    expect(errors((await run(`${BASE_PLUGINS}governance: {pii_encryption: required}\n`, "governance: {naming: {enforcement: 'off'}}\n")).violations)).toEqual([]);
  });
});

describe("3. whitelist bypasses are closed", () => {
  const ent = `approved_plugins: {compute: [duckdb, snowflake], quality: [great_expectations]}\napproved_sinks: [postgres]\n${BASE_PLUGINS}`;
  it("checks a domain's defaults.compute against approved compute", async () => {
    const r = await run(ent, "defaults: {compute: spark}\n");
    expect(errors(r.violations)).toEqual([["PLUGIN_NOT_APPROVED", "defaults.compute"]]);
    expect(at(r.resolved, "defaults.compute")).toBeUndefined();
  });
  it("checks the enterprise's own defaults.compute", async () => {
    const r = await resolve(product(), store(enterprise(ent + "defaults: {compute: spark}\n"), domain("")));
    expect(errors(r.violations)).toEqual([["PLUGIN_NOT_APPROVED", "defaults.compute"]]);
  });
  it("enforces approved_plugins.quality on plugins.quality.provider", async () => {
    const r = await run(ent, "plugins: {quality: {provider: soda}}\n");
    expect(errors(r.violations)).toEqual([["PLUGIN_NOT_APPROVED", "plugins.quality.provider"]]);
    expect(errors((await run(ent, "plugins: {quality: {provider: great_expectations}}\n")).violations)).toEqual([]);
  });
  it("refuses a transform compute other than its domain's selection, even an approved one", async () => {
    const r = await run(ent, "plugins: {compute: {type: snowflake}}\n", "");
    expect(errors(r.violations)).toEqual([]);
    const p = parseProduct(`apiVersion: floe.dev/v1\nkind: FloeSpec\nplatform: {manifest: "${D}"}\nmetadata: {name: p, version: 1.0.0}\ntransforms: [{name: a, compute: snowflake}, {name: b, compute: duckdb}]\n`, "floe.yaml");
    const r2 = await resolve(p, store(enterprise(ent), domain("plugins: {compute: {type: snowflake}}\n")));
    expect(errors(r2.violations)).toEqual([["PLUGIN_NOT_APPROVED", "transforms.1.compute"]]);
    expect(r2.violations.find((v) => v.severity === "error")?.message).toMatch(/products inherit compute/);
  });
  it("checks destinations[].sink_type against approved_sinks", async () => {
    const dest = (sink: string) => `destinations: [{name: out, sink_type: ${sink}, connection_secret_ref: out-secret}]\n`;
    expect(errors((await run(ent, "", dest("salesforce"))).violations)).toEqual([["PLUGIN_NOT_APPROVED", "destinations.0.sink_type"]]);
    expect(errors((await run(ent, "", dest("postgres"))).violations)).toEqual([]);
  });
  it("locks a quality-gate tier the enterprise marks overridable: false", async () => {
    const q = (gates: string) => `plugins: {compute: {type: duckdb}, orchestrator: {type: dagster}, quality: {provider: soda, quality_gates: {${gates}}}}\n`;
    const r = await run(q("silver: {min_test_coverage: 80, overridable: false}"), "plugins: {quality: {provider: soda, quality_gates: {silver: {min_test_coverage: 90, overridable: true}, gold: {min_score: 5}}}}\n");
    expect(errors(r.violations).sort()).toEqual([
      ["IMMUTABLE_OVERRIDE", "plugins.quality.quality_gates.silver.min_test_coverage"],
      ["IMMUTABLE_OVERRIDE", "plugins.quality.quality_gates.silver.overridable"],
    ]);
    expect(at(r.resolved, "plugins.quality.quality_gates.silver")).toEqual({ min_test_coverage: 80, overridable: false });
    expect(at(r.resolved, "plugins.quality.quality_gates.gold.min_score")).toBe(5);
  });
});

describe("4. a resolved chain needs the plugins floe compile requires", () => {
  it("reports REQUIRED_PLUGIN_MISSING per missing plugin, on the domain", async () => {
    const r = await run("plugins: {compute: {type: duckdb}}\n", "");
    expect(errors(r.violations)).toEqual([["REQUIRED_PLUGIN_MISSING", "plugins.orchestrator"]]);
    expect(r.violations.find((v) => v.severity === "error")).toMatchObject({ file: "dom.yaml", tier: "domain" });
    const none = await run("plugins: {}\n", "");
    expect(errors(none.violations)).toEqual([["REQUIRED_PLUGIN_MISSING", "plugins.compute"], ["REQUIRED_PLUGIN_MISSING", "plugins.orchestrator"]]);
  });
  it("is satisfied by either tier, and checks a 2-tier platform alone", async () => {
    expect(errors((await run("plugins: {compute: {type: duckdb}}\n", "plugins: {orchestrator: {type: dagster}}\n")).violations)).toEqual([]);
    const platform = `${header("plat")}plugins: {compute: {type: duckdb}}\n`;
    const p = parseProduct(`apiVersion: floe.dev/v1\nkind: FloeSpec\nplatform: {manifest: "${D}"}\nmetadata: {name: p, version: 1.0.0}\ntransforms: [{name: t}]\n`, "floe.yaml");
    const r = await resolve(p, new ManifestStore((ref) => (ref === D ? { text: platform, file: "plat.yaml" } : null)));
    expect(errors(r.violations)).toEqual([["REQUIRED_PLUGIN_MISSING", "plugins.orchestrator"]]);
  });
});

describe("5. an unreadable parent manifest", () => {
  it("is reported as unreadable, naming its file and line, not as SCOPE_MISMATCH", async () => {
    const broken = enterprise(BASE_PLUGINS + "governance:\n\tpii_encryption: required\n");
    const r = await resolve(product(), store(broken, domain("")));
    const e = r.violations.filter((v) => v.severity === "error" && v.file === "dom.yaml");
    expect(e.map((v) => [v.code, v.path])).toEqual([["REF_UNRESOLVED", "parent_manifest"]]);
    expect(e[0].message).toMatch(new RegExp(`parent manifest ${E} could not be read: ent\\.yaml:\\d+:\\d+: YAML_SYNTAX`));
    expect(r.violations.some((v) => v.code === "SCOPE_MISMATCH")).toBe(false);
  });
});

describe("6. provenance of rejected values", () => {
  it("says what the domain asked for, the code, and that the enterprise value applies", async () => {
    const r = await run(ENTERPRISE_POLICY, "governance: {pii_encryption: optional, data_retention_days: 7}\nplugins: {telemetry_backend: {type: jaeger}}\n");
    expect(r.provenance["governance.pii_encryption"]).toEqual({ tier: "enterprise", ref: E, version: "1.0.0", locked: true, rule: "only-strengthen", rejected: { value: "optional", code: "SECURITY_POLICY_OVERRIDE", tier: "domain", ref: D } });
    expect(r.provenance["governance.data_retention_days"].rejected).toEqual({ value: 7, code: "RETENTION_OUT_OF_BOUNDS", tier: "domain", ref: D });
    expect(at(r.resolved, "governance.data_retention_days")).toBe(30);
    // No enterprise telemetry backend: nothing applies, and the domain's is still refused.
    expect(errors(r.violations)).toContainEqual(["IMMUTABLE_OVERRIDE", "plugins.telemetry_backend"]);
  });
  it("records nothing on values nobody refused", async () => {
    const r = await run(ENTERPRISE_POLICY, "governance: {pii_encryption: required}\n");
    expect(Object.values(r.provenance).some((p) => p.rejected)).toBe(false);
  });
});

describe("7. merging is safe with hostile keys", () => {
  const tier = (t: "enterprise" | "domain", manifest: Record<string, unknown>): TierDoc => {
    const parsed = parseManifest("{}", `${t}.yaml`);
    return { tier: t, ref: t, parsed, manifest: { apiVersion: "floe.dev/v1", kind: "Manifest", metadata: { name: t, version: "1.0.0", owner: "o" }, ...manifest } as TierDoc["manifest"] };
  };
  it("never writes to Object.prototype, whatever the keys", () => {
    const hostile = JSON.parse('{"plugins": {"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}, "defaults": {"toString.polluted": "x", "compute": "duckdb"}, "__proto__": {"polluted": 3}, "governance": {"prototype": {"polluted": 4}}}');
    const result = mergeChain(tier("enterprise", hostile), tier("domain", hostile));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype.toString as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(result.resolved)).not.toMatch(/polluted":[1-4]/);
  });
  it("keeps a key with a dot as one key, never a path", () => {
    const u = flattenUnits({ defaults: { "compute.engine": "spark" }, a: { b: 1 } });
    expect([...u.values.keys()].sort()).toEqual(["a.b", "defaults"]);
    expect(unflatten(u.values)).toEqual({ defaults: { "compute.engine": "spark" }, a: { b: 1 } });
  });
  it("does not follow inherited members such as toString", () => {
    expect(unflatten(new Map([["toString.x", 1]]))).toEqual({ toString: { x: 1 } });
    expect((Object.prototype.toString as unknown as Record<string, unknown>).x).toBeUndefined();
  });
});

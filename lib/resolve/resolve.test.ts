import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { adrYamlFiles, EXAMPLES, readExample } from "../../test/support/examples";
import { parseManifest, parseProduct } from "../manifest/parse";
import { directorySource, productFiles, registryRefs } from "../node/org-dir";
import { checkOrganisation } from "../org/check";
import { evaluateOrg, impactOf } from "../org/evaluate";
import { VIOLATION_CODES } from "../violations";
import { resolve } from "./resolve";
import { ManifestStore } from "./store";

const storeFor = (dir: string) => new ManifestStore(directorySource(join(dir, "registry"), dir));
const memoryStore = (files: Record<string, string>) => new ManifestStore((ref) => (files[ref] !== undefined ? { text: files[ref], file: ref } : null));
const errors = (vs: { severity: string; code: string }[]) => vs.filter((v) => v.severity === "error").map((v) => v.code);

async function checkDir(dir: string) {
  const files = productFiles(dir).map((f) => ({ text: readFileSync(f, "utf8"), file: f.slice(dir.length + 1) }));
  return checkOrganisation(registryRefs(dir), files, storeFor(dir));
}

describe("broken examples: one per violation code", () => {
  const broken = join(EXAMPLES, "broken");
  const dirs = readdirSync(broken, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  it("covers every rule code", () => {
    // Every error code; FLOE_COMPAT is only ever a warning.
    expect(dirs).toEqual(expect.arrayContaining(VIOLATION_CODES.filter((c) => c !== "FLOE_COMPAT")));
  });
  it.each(dirs)("%s reports exactly the expected violations at their positions", async (code) => {
    const dir = join(broken, code);
    const expected = parse(readFileSync(join(dir, "expect.yaml"), "utf8")) as { code: string; file: string; line: number; column: number; path: string }[];
    const result = await checkDir(dir);
    const actual = result.violations.filter((v) => v.severity === "error").map((v) => ({ code: v.code, file: v.file, line: v.line, column: v.column, path: v.path }));
    expect(actual).toEqual(expect.arrayContaining(expected));
    expect(actual).toHaveLength(expected.length);
    if (code === "SECURITY_POLICY_OVERRIDE") expect(result.violations.every((v) => v.message.includes("Cannot override security policy"))).toBe(true);
  });
});

describe("the example organisation", () => {
  it("checks clean, with nine approved products in three domains", async () => {
    const result = await checkDir(join(EXAMPLES, "acme"));
    expect(result.violations).toEqual([]);
    expect(result.products).toBe(9);
    expect(result.domains.map((d) => [d.name, d.products]).sort()).toEqual([["finance", 3], ["marketing", 3], ["sales", 3]]);
  });

  it("resolves a product three-tier with provenance for every leaf", async () => {
    const dir = join(EXAMPLES, "acme");
    const r = await resolve(parseProduct(readExample("acme/products/sales/customer-360/floe.yaml"), "floe.yaml"), storeFor(dir));
    expect(r.mode).toBe("three-tier");
    expect(r.chain.map((c) => c.tier)).toEqual(["enterprise", "domain", "product"]);
    const resolved = r.resolved as { plugins: { compute: { type: string }; telemetry_backend: { type: string } }; governance: Record<string, unknown> };
    expect(resolved.plugins.compute.type).toBe("snowflake");
    expect(r.provenance["plugins.compute.type"]).toMatchObject({ tier: "domain", locked: true });
    expect(r.provenance["plugins.telemetry_backend.type"]).toMatchObject({ tier: "enterprise", locked: true, rule: "enterprise-only" });
    expect(r.provenance["governance.pii_encryption"]).toMatchObject({ tier: "enterprise", locked: true });
    expect(r.provenance["transforms.0.name"]).toMatchObject({ tier: "product", locked: false });
    // Every leaf of the resolved document has a provenance entry, and nothing else does.
    const leaves: string[] = [];
    const walk = (v: unknown, p: string) => {
      if (Array.isArray(v) && v.length) v.forEach((x, i) => walk(x, `${p}.${i}`));
      else if (v && typeof v === "object" && Object.keys(v).length) Object.entries(v).forEach(([k, x]) => walk(x, p ? `${p}.${k}` : k));
      else leaves.push(p);
    };
    walk(r.resolved, "");
    expect(Object.keys(r.provenance).sort()).toEqual(leaves.sort());
  });

  it("resolves the 2-tier example against its platform", async () => {
    const dir = join(EXAMPLES, "two-tier");
    const r = await resolve(parseProduct(readExample("two-tier/products/orders/floe.yaml"), "floe.yaml"), storeFor(dir));
    expect(r.mode).toBe("two-tier");
    expect(errors(r.violations)).toEqual([]);
    expect(Object.values(r.provenance).some((p) => p.tier === "platform")).toBe(true);
  });
});

describe("inheritance rules", () => {
  const enterprise = `scope: enterprise
approved_plugins: {compute: [duckdb, snowflake]}
plugins: {compute: duckdb, orchestrator: dagster, telemetry_backend: datadog}
governance:
  pii_encryption: optional
  audit_logging: enabled
  policy_enforcement_level: warn
  data_retention_days: 30
  custom_rules:
    - {type: require_meta_field, field: owner}
governance_bounds: {data_retention_days: {max: 365}}
`;
  const domain = (body: string) => `scope: domain\nparent_manifest: oci://r/e:1.0.0\napproved_products: [p]\n${body}`;
  const product = parseProduct("platform: {manifest: oci://r/d:1.0.0}\nmetadata: {name: p, version: 1.0.0}\ntransforms: [{name: t}]\n", "floe.yaml");
  const run = (body: string) => resolve(product, memoryStore({ "oci://r/e:1.0.0": enterprise, "oci://r/d:1.0.0": domain(body) }));

  it("absent is not default: a silent domain inherits every enterprise value", async () => {
    const r = await run("plugins: {}\n");
    expect(errors(r.violations)).toEqual([]);
    expect(r.resolved).toMatchObject({ governance: { pii_encryption: "optional", audit_logging: "enabled", policy_enforcement_level: "warn", data_retention_days: 30 } });
    expect(r.provenance["governance.data_retention_days"].tier).toBe("enterprise");
  });

  it("lets a domain strengthen policy, and records the domain as the origin", async () => {
    const r = await run("plugins: {}\ngovernance: {pii_encryption: required, policy_enforcement_level: strict, data_retention_days: 90}\n");
    expect(errors(r.violations)).toEqual([]);
    expect(r.resolved).toMatchObject({ governance: { pii_encryption: "required", policy_enforcement_level: "strict", data_retention_days: 90 } });
    expect(r.provenance["governance.policy_enforcement_level"]).toMatchObject({ tier: "domain", ref: "oci://r/d:1.0.0" });
  });

  it.each([
    ["audit_logging: disabled", "SECURITY_POLICY_OVERRIDE", "governance.audit_logging"],
    ["policy_enforcement_level: \"off\"", "POLICY_WEAKENED", "governance.policy_enforcement_level"],
    ["data_retention_days: 10", "RETENTION_OUT_OF_BOUNDS", "governance.data_retention_days"],
    ["data_retention_days: 400", "RETENTION_OUT_OF_BOUNDS", "governance.data_retention_days"],
    ["policy_overrides: [{pattern: '*', action: exclude, reason: x}]", "POLICY_WEAKENED", "governance.policy_overrides"],
  ])("refuses a weakening domain (%s) and keeps the enterprise value", async (line, code, path) => {
    const r = await run(`plugins: {}\ngovernance:\n  ${line}\n`);
    expect(r.violations.filter((v) => v.severity === "error").map((v) => [v.code, v.path, v.line])).toEqual([[code, path, 6]]);
    const field = path.split(".")[1];
    expect((r.resolved as { governance: Record<string, unknown> }).governance[field]).toEqual(parse(enterprise).governance[field]);
  });

  it("checks domain plugin selections and product transform compute against the whitelist", async () => {
    const r = await run("plugins: {compute: spark}\n");
    expect(r.violations.find((v) => v.code === "PLUGIN_NOT_APPROVED")?.message).toBe("Plugin 'spark' is not in the approved whitelist for category 'compute'. Approved plugins: [duckdb, snowflake]");
    expect((r.resolved as { plugins: { compute: { type: string } } }).plugins.compute.type).toBe("duckdb");
    const p = parseProduct("platform: {manifest: oci://r/d:1.0.0}\nmetadata: {name: p, version: 1.0.0}\ntransforms: [{name: t, compute: bigquery}]\n", "floe.yaml");
    const r2 = await resolve(p, memoryStore({ "oci://r/e:1.0.0": enterprise, "oci://r/d:1.0.0": domain("plugins: {compute: snowflake}\n") }));
    expect(r2.violations.find((v) => v.code === "PLUGIN_NOT_APPROVED")).toMatchObject({ tier: "product", path: "transforms.0.compute", line: 3 });
  });

  it("holds the retention ceiling even where the enterprise sets no floor", async () => {
    const noFloor = "scope: enterprise\nplugins: {compute: duckdb, orchestrator: dagster}\ngovernance_bounds: {data_retention_days: {max: 365}}\n";
    const store = (days: number) => memoryStore({ "oci://r/e:1.0.0": noFloor, "oci://r/d:1.0.0": domain(`plugins: {}\ngovernance: {data_retention_days: ${days}}\n`) });
    expect(errors((await resolve(product, store(400))).violations)).toEqual(["RETENTION_OUT_OF_BOUNDS"]);
    const within = await resolve(product, store(100));
    expect(errors(within.violations)).toEqual([]);
    expect(within.provenance["governance.data_retention_days"]).toMatchObject({ tier: "domain" });
  });

  it("locks the observability backend", async () => {
    const r = await run("plugins: {telemetry_backend: jaeger}\n");
    expect(errors(r.violations)).toEqual(["IMMUTABLE_OVERRIDE"]);
    const same = await run("plugins: {telemetry_backend: datadog}\n");
    expect(errors(same.violations)).toEqual([]);
  });

  it("adds domain rules to enterprise rules, never replacing them", async () => {
    const r = await run("plugins: {}\ngovernance:\n  custom_rules:\n    - {type: require_meta_field, field: cost_center}\n");
    expect((r.resolved as { governance: { custom_rules: unknown[] } }).governance.custom_rules).toHaveLength(2);
    expect(r.provenance["governance.custom_rules.0.field"].tier).toBe("enterprise");
    expect(r.provenance["governance.custom_rules.1.field"].tier).toBe("domain");
  });

  it("requires the product to be approved by its domain", async () => {
    const r = await resolve(product, memoryStore({ "oci://r/e:1.0.0": enterprise, "oci://r/d:1.0.0": "scope: domain\nparent_manifest: oci://r/e:1.0.0\nplugins: {}\napproved_products: [other]\n" }));
    expect(errors(r.violations)).toEqual(["PRODUCT_NOT_APPROVED"]);
  });

  it("reports a missing platform or parent reference where it is written", async () => {
    const r = await resolve(product, memoryStore({}));
    const onlyErrors = (vs: typeof r.violations) => vs.filter((v) => v.severity === "error");
    expect(onlyErrors(r.violations)).toMatchObject([{ code: "REF_UNRESOLVED", line: 1, path: "platform.manifest" }]);
    const r2 = await resolve(product, memoryStore({ "oci://r/d:1.0.0": domain("plugins: {}\n") }));
    expect(onlyErrors(r2.violations)).toMatchObject([{ code: "REF_UNRESOLVED", path: "parent_manifest", line: 2, ref: "oci://r/d:1.0.0" }]);
  });
});

describe("ADR-0038", () => {
  const files = adrYamlFiles();
  const text = (block: number, name: string) => files.find((f) => f.block === block && f.name === name)!.text;

  it("resolves the three-tier example: compute from the domain, observability from the enterprise", async () => {
    const store = memoryStore({ "oci://registry/enterprise-manifest:v1.0.0": text(2, "enterprise-manifest.yaml"), "oci://registry/sales-domain-manifest:v2.0.0": text(2, "sales-domain-manifest.yaml") });
    const p = parseProduct(text(2, "floe.yaml").replace("transforms:", "metadata: {name: customer-360, version: 1.0.0}\ntransforms:"), "floe.yaml");
    const r = await resolve(p, store);
    expect(r.mode).toBe("three-tier");
    // The ADR's example selects no orchestrator anywhere, and floe compile refuses that (E201).
    expect(r.violations.filter((v) => v.severity === "error").map((v) => [v.code, v.path])).toEqual([["REQUIRED_PLUGIN_MISSING", "plugins.orchestrator"]]);
    expect(r.resolved).toMatchObject({ plugins: { compute: { type: "snowflake" }, telemetry_backend: { type: "datadog" } }, approved_plugins: { compute: ["duckdb", "snowflake"] } });
  });

  it("refuses the anti-pattern: a domain overriding PII encryption", async () => {
    const store = memoryStore({ "oci://r/e:1": "scope: enterprise\nplugins: {}\ngovernance: {pii_encryption: required}\n" });
    const draft = parseManifest("scope: domain\nparent_manifest: oci://r/e:1\nplugins: {}\n" + text(6, "domain-manifest.yaml"), "domain-manifest.yaml", { ref: "oci://r/d:1" });
    const chain = await store.resolveDraft(draft);
    expect(chain.violations.find((v) => v.code === "SECURITY_POLICY_OVERRIDE")?.message).toMatch(/Cannot override security policy/);
  });

  it("follows the migration path with floe.yaml unchanged but for its reference", async () => {
    const product = (phase: string) => readExample(`migration/${phase}/products/orders/floe.yaml`);
    expect(product("phase2")).toBe(product("phase1"));
    const changed = product("phase3").split("\n").filter((line, i) => line !== product("phase2").split("\n")[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/manifest: oci:\/\//);
    const modes = [];
    for (const phase of ["phase1", "phase2", "phase3"]) {
      const dir = join(EXAMPLES, "migration", phase);
      const r = await resolve(parseProduct(product(phase), "floe.yaml"), storeFor(dir));
      expect(errors(r.violations)).toEqual([]);
      modes.push(r.mode);
    }
    expect(modes).toEqual(["two-tier", "three-tier", "three-tier"]);
  });
});

describe("impact of a change", () => {
  it("names the domains and products that narrowing the compute whitelist breaks", async () => {
    const dir = join(EXAMPLES, "acme");
    const manifests = registryRefs(dir).map((ref) => ({ ref, text: readFileSync(join(dir, "registry", ref.replace("oci://", "").replace(/:([^:/]+)$/, "/$1.yaml")), "utf8") }));
    const products = productFiles(dir).map((f) => ({ id: f, text: readFileSync(f, "utf8") }));
    const before = await evaluateOrg({ manifests, products }, { followLatest: true });
    const enterprise = manifests.find((m) => m.ref.includes("acme-enterprise"))!;
    const narrowed = { ref: enterprise.ref.replace(":1.0.0", ":1.1.0"), text: enterprise.text.replace(/compute: \[duckdb, snowflake\]|compute:\n(\s+)- duckdb\n\s+- snowflake/, (m, indent) => (indent ? `compute:\n${indent}- duckdb` : "compute: [duckdb]")) };
    expect(narrowed.text).not.toBe(enterprise.text);
    const after = await evaluateOrg({ manifests: [...manifests, narrowed], products }, { followLatest: true });
    const impact = impactOf(before, after);
    expect(impact.broken.filter((e) => e.kind === "domain").map((e) => e.name).sort()).toEqual(["finance", "sales"]);
    expect(impact.broken.find((e) => e.name === "sales")?.newErrors[0].code).toBe("PLUGIN_NOT_APPROVED");
    expect(impact.changed.some((e) => e.kind === "product" && e.changedPaths.includes("approved_plugins.compute.1"))).toBe(true);
  });
});

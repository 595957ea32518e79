import { describe, expect, it } from "vitest";
import { adrYamlFiles, readExample } from "../../test/support/examples";
import { jsonSchemaFor } from "./json-schema";
import { parseAny, parseManifest, parseProduct } from "./parse";

const codes = (vs: { code: string; severity: string }[], severity = "error") => vs.filter((v) => v.severity === severity).map((v) => v.code);

describe("ADR-0038 examples", () => {
  const files = adrYamlFiles();
  it("finds the ADR's YAML examples", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });
  it.each(files.map((f) => [`block ${f.block} ${f.name}`, f] as const))("%s loads without errors", (_, f) => {
    const parsed = parseAny(f.text, f.name, { ref: "oci://registry/example:v1.0.0" });
    expect(codes(parsed.violations)).toEqual([]);
    expect(parsed.kind === "manifest" ? parsed.manifest : parsed.product).not.toBeNull();
  });
});

describe("shorthand normalisation", () => {
  it("rewrites plugin strings, observability and a missing header with FLOE_COMPAT warnings", () => {
    const p = parseManifest("plugins:\n  compute: snowflake\n  observability: datadog\n", "m.yaml", { ref: "oci://r/platform:1.2.3" });
    expect(p.manifest?.plugins.compute).toEqual({ type: "snowflake" });
    expect(p.manifest?.plugins.telemetry_backend).toEqual({ type: "datadog" });
    expect(p.manifest?.metadata).toMatchObject({ name: "platform", version: "1.2.3" });
    const compat = p.violations.filter((v) => v.code === "FLOE_COMPAT");
    expect(compat.every((v) => v.severity === "warning")).toBe(true);
    expect(compat.find((v) => v.path === "plugins.compute.type")).toMatchObject({ line: 2, column: 12 });
    expect(compat.some((v) => v.message.includes("telemetry_backend"))).toBe(true);
  });

  it("rewrites platform.ref and {type, path} transforms, saying what floe-core expects", () => {
    const p = parseProduct("platform:\n  ref: oci://r/d:1.0.0\ntransforms:\n  - type: dbt\n    path: models/\n", "floe.yaml");
    expect(p.product?.platform?.manifest).toBe("oci://r/d:1.0.0");
    expect(p.product?.transforms).toEqual([{ name: "dbt_models" }]);
    const t = p.violations.find((v) => v.path === "transforms.0.name");
    expect(t?.message).toMatch(/floe-core expects transforms as `\{name/);
    expect(t).toMatchObject({ line: 4, column: 5, severity: "warning" });
  });

  it("accepts the real floe form with no warnings", () => {
    const p = parseManifest(readExample("acme/registry/registry.acme.example/floe/sales/1.0.0.yaml"), "sales.yaml");
    expect(p.violations).toEqual([]);
    expect(p.tier).toBe("domain");
  });
});

describe("schema errors", () => {
  it("suggests the nearest key for a typo inside a closed model", () => {
    const p = parseManifest("apiVersion: floe.dev/v1\nkind: Manifest\nmetadata: {name: x, version: 1.0.0, owner: me}\nplugins: {}\ngovernance:\n  audit_loging: enabled\n", "m.yaml");
    const v = p.violations.find((x) => x.code === "SCHEMA");
    expect(v).toMatchObject({ severity: "error", line: 6, column: 3, path: "governance.audit_loging" });
    expect(v?.message).toContain("did you mean 'audit_logging'?");
    expect(p.manifest).toBeNull();
  });

  it("warns (floe ignores) on unknown top-level keys, but refuses environment keys", () => {
    const p = parseManifest("apiVersion: floe.dev/v1\nkind: Manifest\nmetadata: {name: x, version: 1.0.0, owner: me}\nplugins: {}\npluginz: {}\nprod: {}\n", "m.yaml");
    expect(p.violations.find((v) => v.path === "pluginz")).toMatchObject({ severity: "warning", code: "SCHEMA" });
    expect(p.violations.find((v) => v.path === "pluginz")?.message).toContain("did you mean 'plugins'?");
    expect(p.violations.find((v) => v.path === "prod")).toMatchObject({ severity: "error", line: 6, column: 1 });
  });

  it("reports wrong types and missing required fields at their place", () => {
    const p = parseManifest("apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: x\n  version: v1\nplugins: {}\ngovernance:\n  data_retention_days: lots\n", "m.yaml");
    const byPath = Object.fromEntries(p.violations.map((v) => [v.path, v]));
    expect(byPath["metadata.version"]).toMatchObject({ line: 5, column: 12 });
    expect(byPath["metadata.owner"].message).toMatch(/missing required field/);
    expect(byPath["governance.data_retention_days"]).toMatchObject({ line: 8, column: 24 });
  });

  it("enforces floe's scope constraints", () => {
    const domainWithoutParent = parseManifest("scope: domain\nplugins: {}\n", "d.yaml");
    expect(codes(domainWithoutParent.violations)).toEqual(["SCOPE_MISMATCH"]);
    const enterpriseWithProducts = parseManifest("scope: enterprise\nplugins: {}\napproved_products: [a]\n", "e.yaml");
    expect(enterpriseWithProducts.violations.find((v) => v.code === "SCOPE_MISMATCH")).toMatchObject({ line: 3, column: 1 });
    const platformWhitelist = parseManifest("plugins: {}\napproved_plugins: {compute: [duckdb]}\n", "p.yaml");
    expect(codes(platformWhitelist.violations)).toEqual(["SCOPE_MISMATCH"]);
  });

  it("refuses environment-specific keys anywhere in floe.yaml", () => {
    const p = parseProduct("apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata: {name: p, version: 1.0.0}\ntransforms:\n  - name: a\n    password: x\n", "floe.yaml");
    expect(p.violations.find((v) => v.path === "transforms.0.password" && v.code === "SCHEMA")).toMatchObject({ line: 6, column: 5 });
    // …and its literal value is a plaintext secret, at the value.
    expect(p.violations.find((v) => v.path === "transforms.0.password" && v.code === "PLAINTEXT_SECRET")).toMatchObject({ severity: "error", line: 6, column: 15 });
  });

  it("refuses duplicate transform names", () => {
    const p = parseProduct("apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata: {name: p, version: 1.0.0}\ntransforms:\n  - name: a\n  - name: a\n", "floe.yaml");
    expect(p.violations.find((v) => v.path === "transforms.1.name")?.message).toMatch(/Duplicate transform names/);
  });

  it("flags plaintext secrets in plugin config, not references", () => {
    const p = parseManifest(
      "plugins:\n  compute:\n    type: snowflake\n    config:\n      password: hunter2\n      user: svc\n      token: ${SNOWFLAKE_TOKEN}\n      key: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\n",
      "m.yaml",
    );
    expect(p.violations.filter((v) => v.code === "PLAINTEXT_SECRET").map((v) => v.path)).toEqual(["plugins.compute.config.password", "plugins.compute.config.key"]);
  });

  it("turns hostile YAML into a YAML_SYNTAX violation with a position", () => {
    const p = parseManifest("a: 1\na: 2\n", "m.yaml");
    expect(p.violations).toMatchObject([{ code: "YAML_SYNTAX", line: 2, column: 1, file: "m.yaml" }]);
  });
});

describe("JSON Schema", () => {
  it("is generated from the zod schemas and closes nested models", () => {
    const s = jsonSchemaFor("manifest") as { properties: Record<string, { anyOf?: unknown[]; additionalProperties?: unknown }> };
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(["apiVersion", "scope", "plugins", "governance", "approved_plugins"]));
    expect(JSON.stringify(s.properties.governance)).toContain('"additionalProperties":false');
    const p = jsonSchemaFor("product") as { required: string[] };
    expect(p.required).toEqual(expect.arrayContaining(["apiVersion", "kind", "metadata", "transforms"]));
  });
});

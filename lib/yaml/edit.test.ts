import { describe, expect, it } from "vitest";
import { editApprovedProducts, readYamlIn, selectPluginType, setPlatformManifest, writeYamlIn } from "./edit";

const text = `# Acme enterprise
metadata:
  name: acme  # identity
  description: ${"a long description that must never be folded onto a second line by the writer ".repeat(2)}
approved_plugins:
  compute: [duckdb, snowflake]  # light and heavy
  storage: [s3]
governance:
  data_retention_days: 30  # floor
`;

describe("writeYamlIn", () => {
  it("replaces a flow list and keeps its comment, the other comments and the key order", () => {
    const out = writeYamlIn(text, ["approved_plugins", "compute"], ["duckdb"])!;
    expect(out).toContain("compute: [duckdb] # light and heavy");
    expect(out).toContain("# Acme enterprise");
    expect(out).toContain("name: acme # identity");
    expect(out.indexOf("compute")).toBeLessThan(out.indexOf("storage"));
    expect(out.split("\n").find((l) => l.includes("description"))).toContain("second line by the writer a long");
  });

  it("keeps a scalar's comment when its value changes", () => {
    expect(writeYamlIn(text, ["governance", "data_retention_days"], 45)).toContain("data_retention_days: 45 # floor");
  });

  it("creates missing mappings and deletes emptied ones", () => {
    const added = writeYamlIn(text, ["governance_bounds", "data_retention_days", "max"], 2555)!;
    expect(readYamlIn(added, ["governance_bounds"])).toEqual({ data_retention_days: { max: 2555 } });
    const removed = writeYamlIn(added, ["governance_bounds", "data_retention_days", "max"], undefined)!;
    expect(removed).not.toContain("governance_bounds");
  });

  it("refuses to edit text that does not parse", () => {
    expect(writeYamlIn("a: [1,\n", ["a"], 1)).toBeNull();
    expect(readYamlIn("a: [1,\n", ["a"])).toBeUndefined();
  });
});

describe("YAML 1.1 writes (floe reads with PyYAML)", () => {
  it.each(["off", "on", "yes", "no", "Off", "2026-06-01", "0755", "1_000", "~", "null", "1.5"])("quotes the string %s so floe reads a string", (value) => {
    const out = writeYamlIn("governance:\n  policy_enforcement_level: warn\n", ["governance", "policy_enforcement_level"], value)!;
    expect(out).not.toMatch(new RegExp(`: ${value.replace(/[.~]/g, "\\$&")}$`, "m"));
    expect(readYamlIn(out, ["governance", "policy_enforcement_level"])).toBe(value);
  });

  it("quotes a new key's value too, and leaves plain words plain", () => {
    const out = writeYamlIn("plugins: {}\n", ["governance", "naming", "enforcement"], "off")!;
    expect(out).toContain('enforcement: "off"');
    expect(writeYamlIn("a: 1\n", ["b"], "warn")).toContain("b: warn");
  });
});

describe("selectPluginType", () => {
  const domain = `plugins:
  # Selected from the enterprise whitelist
  compute:
    type: snowflake
    config:
      account: acme-eu1
      warehouse: SALES_WH
      role: SALES_TRANSFORMER
    connection_secret_ref: snowflake-sales
  catalog:
    type: polaris
`;

  it("drops the previous type's config and secret reference when the type changes", () => {
    const out = selectPluginType(domain, "compute", "databricks")!;
    expect(readYamlIn(out, ["plugins", "compute"])).toEqual({ type: "databricks" });
    for (const gone of ["account", "warehouse", "role", "connection_secret_ref", "snowflake"]) expect(out).not.toContain(gone);
    expect(out).toContain("# Selected from the enterprise whitelist");
    expect(readYamlIn(out, ["plugins", "catalog"])).toEqual({ type: "polaris" });
  });

  it("keeps the settings when the same type is selected again, and removes the entry for inherit", () => {
    expect(readYamlIn(selectPluginType(domain, "compute", "snowflake")!, ["plugins", "compute", "config", "warehouse"])).toBe("SALES_WH");
    expect(readYamlIn(selectPluginType(domain, "compute", undefined)!, ["plugins", "compute"])).toBeUndefined();
    expect(readYamlIn(selectPluginType("plugins: {}\n", "telemetry_backend", "datadog")!, ["plugins", "telemetry_backend"])).toEqual({ type: "datadog" });
  });
});

describe("one output format for every edit", () => {
  it("an approval and a form edit write a document's other parts alike", () => {
    const text = "tags: [ a, b ]\napproved_products:\n  - x\nretention: 30\n";
    const approved = editApprovedProducts(text, "y", "add")!;
    const formEdited = writeYamlIn(text, ["retention"], 31)!;
    expect(approved.split("\n")[0]).toBe(formEdited.split("\n")[0]);
    expect(setPlatformManifest(text, "oci://r.example/p/d:1").split("\n")[0]).toBe(formEdited.split("\n")[0]);
  });
});

import { describe, expect, it } from "vitest";
import { formatValue, provenanceRows, rejectionNote, valueAt } from "./provenance-rows";

describe("provenanceRows", () => {
  it("pairs every provenance path with its resolved value, sorted by path", () => {
    const resolved = { plugins: { compute: { type: "snowflake" } }, governance: { data_retention_days: 90 } };
    const rows = provenanceRows(resolved, {
      "plugins.compute": { tier: "domain", ref: "oci://r/sales:1.0.0", version: "1.0.0", locked: false, rule: "select-from-whitelist" },
      "governance.data_retention_days": { tier: "domain", ref: null, version: "1.0.0", locked: false, rule: "within-bounds" },
    });
    expect(rows.map((r) => [r.path, formatValue(r.value)])).toEqual([
      ["governance.data_retention_days", "90"],
      ["plugins.compute", '{"type":"snowflake"}'],
    ]);
  });

  it("shows a list of plain values from one origin as one row, in natural order, and long lists shortened", () => {
    const products = Array.from({ length: 12 }, (_, i) => `p${i + 1}`);
    const resolved = { approved_plugins: { compute: ["duckdb", "snowflake"] }, approved_products: products, transforms: [{ name: "a" }] };
    const enterprise = { tier: "enterprise", ref: "oci://r/e:1.0.0", version: "1.0.0", locked: true, rule: "enterprise-only" } as const;
    const domain = { tier: "domain", ref: "oci://r/d:1.0.0", version: "1.0.0", locked: false, rule: "domain-defined" } as const;
    const rows = provenanceRows(resolved, {
      "approved_plugins.compute.0": enterprise,
      "approved_plugins.compute.1": { ...enterprise, version: "1.1.0" },
      ...Object.fromEntries(products.map((_, i) => [`approved_products.${i}`, domain])),
      "transforms.0.name": domain,
    });
    expect(rows.map((r) => [r.path, formatValue(r.value), r.tier])).toEqual([
      // Items from different versions keep a row each.
      ["approved_plugins.compute.0", "duckdb", "enterprise"],
      ["approved_plugins.compute.1", "snowflake", "enterprise"],
      ["approved_products", "p1, p2, p3, p4, p5, p6, p7, p8, … (12 in all)", "domain"],
      ["transforms.0.name", "a", "domain"],
    ]);
  });

  it("walks into arrays by index and tolerates missing values", () => {
    expect(valueAt({ transforms: [{ name: "a" }] }, "transforms.0.name")).toBe("a");
    expect(formatValue(valueAt(null, "x.y"))).toBe("—");
  });

  it("says what a domain asked for where it was refused, and keeps that row apart", () => {
    const enterprise = { tier: "enterprise" as const, ref: "oci://r/e:1", version: "1", locked: true, rule: "only-strengthen" as const };
    const rejected = { ...enterprise, rejected: { value: "optional", code: "SECURITY_POLICY_OVERRIDE" as const, tier: "domain" as const, ref: "oci://r/d:1" } };
    expect(rejectionNote(rejected)).toBe("domain asked for optional; rejected (SECURITY_POLICY_OVERRIDE); enterprise value applies");
    expect(rejectionNote({ ...rejected, floeDefault: true })).toBe("domain asked for optional; rejected (SECURITY_POLICY_OVERRIDE); enterprise value applies (floe's default)");
    expect(rejectionNote(enterprise)).toBeNull();
    const rows = provenanceRows({ l: ["a", "b"] }, { "l.0": enterprise, "l.1": rejected });
    expect(rows.map((r) => [r.path, rejectionNote(r)])).toEqual([["l.0", null], ["l.1", "domain asked for optional; rejected (SECURITY_POLICY_OVERRIDE); enterprise value applies"]]);
  });
});

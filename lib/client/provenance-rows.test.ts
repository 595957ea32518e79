import { describe, expect, it } from "vitest";
import { formatValue, provenanceRows, valueAt } from "./provenance-rows";

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

  it("walks into arrays by index and tolerates missing values", () => {
    expect(valueAt({ transforms: [{ name: "a" }] }, "transforms.0.name")).toBe("a");
    expect(formatValue(valueAt(null, "x.y"))).toBe("—");
  });
});

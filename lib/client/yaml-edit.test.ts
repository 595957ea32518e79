import { describe, expect, it } from "vitest";
import { readYamlIn, writeYamlIn } from "./yaml-edit";

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

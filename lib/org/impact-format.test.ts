import { describe, expect, it } from "vitest";
import type { Violation } from "../violations";
import { formatImpact } from "./impact-format";
import type { ImpactReport, ImpactReportEntry } from "./impact-report";

const error: Violation = { code: "PLUGIN_NOT_APPROVED", severity: "error", path: "plugins.compute.type", tier: "domain", ref: null, file: "registry/r/floe/d/1.0.0.yaml", line: 12, column: 11, message: "Plugin 'spark' is not in the approved whitelist | `x` <b>" };
const entry = (i: number, long = "x"): ImpactReportEntry => ({
  kind: i % 2 ? "product" : "domain",
  key: `k${i}`,
  name: `name-${i}-${long.repeat(300)}`,
  owners: [`owner-${i}@acme.example`],
  change: "modified",
  values: [{ path: "governance.data_retention_days", before: 30, after: "a".repeat(500) }],
  newErrors: [error],
});

describe("mesh impact --format markdown", () => {
  it("stays under GitHub's 65,536-character comment limit however large the change, and says how much it left out", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => entry(i));
    const report: ImpactReport = { broken: many, changed: many, fixed: many, removed: many };
    const md = formatImpact(report, "markdown");
    expect(md.length).toBeLessThan(65_536);
    expect(md).toMatch(/…and \d+ more rows \(`mesh impact --format json` lists them all\)\./);
    expect(md).toContain("10000 would break");
  });

  it("escapes table cells: a pipe, backtick or tag in a message cannot break the table or inject HTML", () => {
    const md = formatImpact({ broken: [entry(1, "")], changed: [], fixed: [], removed: [] }, "markdown");
    const row = md.split("\n").find((l) => l.startsWith("| product"))!;
    expect(row).toContain("whitelist \\| \\`x\\` \\<b\\>");
    expect(row.split(/(?<!\\)\|/).length).toBe(8);
  });
});

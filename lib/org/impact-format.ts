import { formatViolation } from "../violations";
import type { ImpactReport, ImpactReportEntry } from "./impact-report";

export const IMPACT_FORMATS = ["text", "markdown", "json"] as const;
export type ImpactFormat = (typeof IMPACT_FORMATS)[number];

/** A pull-request comment must stay readable and under GitHub's 65,536 characters: rows past either limit are counted, not listed. */
const MAX_ROWS = 200;
const MAX_TABLE_CHARS = 25_000;
const MAX_VALUE = 80;

const show = (v: unknown) => {
  const s = v === undefined ? "(unset)" : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function impactSummary(r: ImpactReport): string {
  const changed = (kind: string) => r.changed.filter((e) => e.kind === kind).length;
  const parts = [`${plural(changed("domain"), "domain")} and ${plural(changed("product"), "product")} change`, `${r.broken.length} would break`];
  if (r.fixed.length) parts.push(`${r.fixed.length} fixed`);
  if (r.removed.length) parts.push(`${r.removed.length} removed`);
  return parts.join("; ");
}

const owners = (e: ImpactReportEntry) => (e.owners.length ? e.owners.join(", ") : "no owner");

function text(r: ImpactReport): string {
  const out = [`mesh impact: ${impactSummary(r)}`];
  if (r.broken.length) {
    out.push("", "Would break:");
    for (const e of r.broken) {
      out.push(`  ${e.kind} ${e.name} (${owners(e)})`);
      for (const v of e.newErrors) out.push(`    ${formatViolation(v)}`);
    }
  }
  if (r.changed.length) {
    out.push("", "Changes:");
    for (const e of r.changed) {
      out.push(`  ${e.kind} ${e.name}${e.change === "added" ? " (new)" : ""} (${owners(e)})`);
      for (const v of e.values) out.push(`    ${v.path}: ${show(v.before)} -> ${show(v.after)}`);
    }
  }
  for (const [title, list] of [["Fixed:", r.fixed], ["Removed:", r.removed]] as const) {
    if (list.length) out.push("", title, ...list.map((e) => `  ${e.kind} ${e.name} (${owners(e)})`));
  }
  return out.join("\n") + "\n";
}

/** Inside a table cell: pipes and newlines would end the cell, backticks the code span. */
const cell = (s: string) => s.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
const code = (s: string) => `<code>${s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;").replace(/\r?\n/g, " ")}</code>`;

function rows(all: string[], header: string[]): string[] {
  const out = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  let chars = 0;
  let shown = 0;
  for (const row of all) {
    if (shown === MAX_ROWS || chars + row.length > MAX_TABLE_CHARS) break;
    out.push(row);
    chars += row.length + 1;
    shown++;
  }
  if (all.length > shown) out.push("", `…and ${all.length - shown} more rows (\`mesh impact --format json\` lists them all).`);
  return out;
}

function markdown(r: ImpactReport): string {
  const icon = r.broken.length ? "❌" : "✅";
  const out = [`### ${icon} mesh impact`, "", impactSummary(r) + "."];
  if (r.broken.length) {
    out.push("", "**Would break**", "");
    const all = r.broken.flatMap((e) => e.newErrors.map((v) => `| ${e.kind} | ${cell(e.name)} | ${cell(owners(e))} | ${code(v.code)} | ${code(`${v.file}:${v.line}:${v.column}`)} | ${cell(v.message)} |`));
    out.push(...rows(all, ["", "name", "owners", "rule", "at", "problem"]));
  }
  if (r.changed.length) {
    const all = r.changed.flatMap((e) => e.values.map((v) => `| ${e.kind} | ${cell(e.name)}${e.change === "added" ? " (new)" : ""} | ${cell(owners(e))} | ${code(v.path)} | ${code(show(v.before))} | ${code(show(v.after))} |`));
    out.push("", `<details${r.broken.length ? "" : " open"}><summary>Resolved values that change (${all.length})</summary>`, "");
    out.push(...rows(all, ["", "name", "owners", "value", "before", "after"]));
    out.push("", "</details>");
  }
  for (const [title, list] of [["Fixed", r.fixed], ["Removed", r.removed]] as const) {
    if (list.length) out.push("", `**${title}**: ${list.slice(0, 50).map((e) => `${e.kind} ${cell(e.name.slice(0, 100))}`).join(", ")}${list.length > 50 ? `, …and ${list.length - 50} more` : ""}`);
  }
  return out.join("\n") + "\n";
}

export function formatImpact(r: ImpactReport, format: ImpactFormat): string {
  if (format === "json") return JSON.stringify(r) + "\n";
  return format === "markdown" ? markdown(r) : text(r);
}

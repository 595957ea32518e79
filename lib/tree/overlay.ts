import type { TreeNode } from "./model";

/** What node colour means on the canvas. */
export const OVERLAYS = ["status", "compute", "retention", "violations"] as const;
export type Overlay = (typeof OVERLAYS)[number];

export interface LegendEntry {
  label: string;
  colour: string;
}

const STATUS_COLOURS = { valid: "#10b981", violations: "#ef4444", pending: "#f59e0b" } as const;
const COMPUTE_COLOURS: Record<string, string> = { duckdb: "#eab308", snowflake: "#38bdf8", databricks: "#f97316", spark: "#a855f7" };
const OTHER = "#94a3b8";
const RETENTION_BUCKETS: { max: number; label: string; colour: string }[] = [
  { max: 30, label: "≤ 30 days", colour: "#bfdbfe" },
  { max: 90, label: "31–90 days", colour: "#60a5fa" },
  { max: 365, label: "91–365 days", colour: "#2563eb" },
  { max: Infinity, label: "> 1 year", colour: "#1e3a8a" },
];

export function overlayColour(overlay: Overlay, node: TreeNode): string {
  switch (overlay) {
    case "status":
      return STATUS_COLOURS[node.status];
    case "compute":
      return (node.compute && COMPUTE_COLOURS[node.compute]) || OTHER;
    case "retention":
      return node.retention === undefined ? OTHER : RETENTION_BUCKETS.find((b) => node.retention! <= b.max)!.colour;
    case "violations":
      // A clean domain with broken products still needs attention.
      if (node.violationCount > 0) return "#dc2626";
      return node.rollup?.broken ? "#fb923c" : "#d1fae5";
  }
}

/** The legend for an overlay; compute lists only the engines present in the tree. */
export function overlayLegend(overlay: Overlay, computes: readonly string[]): LegendEntry[] {
  switch (overlay) {
    case "status":
      return [
        { label: "valid", colour: STATUS_COLOURS.valid },
        { label: "violations", colour: STATUS_COLOURS.violations },
        { label: "pending approval", colour: STATUS_COLOURS.pending },
      ];
    case "compute":
      return computes.map((c) => ({ label: c, colour: COMPUTE_COLOURS[c] ?? OTHER }));
    case "retention":
      return [...RETENTION_BUCKETS.map(({ label, colour }) => ({ label, colour })), { label: "not set", colour: OTHER }];
    case "violations":
      return [
        { label: "has errors", colour: "#dc2626" },
        { label: "products broken", colour: "#fb923c" },
        { label: "clean", colour: "#d1fae5" },
      ];
  }
}

/** Distinct compute engines in the tree, sorted: the compute filter's options. */
export function computesOf(nodes: Iterable<TreeNode>): string[] {
  const set = new Set<string>();
  for (const n of nodes) if (n.compute) set.add(n.compute);
  return [...set].sort();
}

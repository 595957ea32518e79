import type { ImpactMarks } from "../org/impact-page";
import { nodeId, type TreeModel } from "./model";
import type { LegendEntry } from "./overlay";

/** What an edited manifest would do to a node, worst first. */
export type ImpactMark = "broken" | "changed" | "fixed";

const RANK: Record<ImpactMark, number> = { broken: 3, changed: 2, fixed: 1 };
export const IMPACT_COLOURS: Record<ImpactMark | "unaffected", string> = { broken: "#ef4444", changed: "#f59e0b", fixed: "#10b981", unaffected: "#e2e8f0" };

/**
 * Marks the nodes an impact preview names (GET /api/manifests/{name}/impact?view=marks: each node
 * once, under its worst mark). Domains (and the enterprise) also take their worst product's mark,
 * so a collapsed domain still shows what happens inside it.
 */
export function impactMarks(model: TreeModel, named: ImpactMarks): Map<string, ImpactMark> {
  const marks = new Map<string, ImpactMark>();
  const mark = (id: string | undefined, m: ImpactMark) => {
    if (!id || !model.nodes.has(id)) return;
    const current = marks.get(id);
    if (!current || RANK[m] > RANK[current]) marks.set(id, m);
  };
  const idOf = (kind: "domain" | "product", name: string) => {
    if (kind === "product") return nodeId("product", name);
    const domain = nodeId("domain", name);
    return model.nodes.has(domain) ? domain : nodeId("platform", name);
  };
  for (const m of ["fixed", "changed", "broken"] as const) {
    for (const [kind, names] of [["domain", named.domains[m]], ["product", named.products[m]]] as const) {
      for (const name of names) {
        const id = idOf(kind, name);
        mark(id, m);
        // Up the tree: the product's domain, then the enterprise.
        for (let parent = model.nodes.get(id)?.parent; parent; parent = model.nodes.get(parent)?.parent) mark(parent, m);
      }
    }
  }
  return marks;
}

export function impactLegend(manifest: string): LegendEntry[] {
  return [
    { label: `broken by ${manifest}'s draft`, colour: IMPACT_COLOURS.broken },
    { label: "values change", colour: IMPACT_COLOURS.changed },
    { label: "fixed", colour: IMPACT_COLOURS.fixed },
    { label: "unaffected", colour: IMPACT_COLOURS.unaffected },
  ];
}

import type { TreeFilter } from "./filter";
import { capExpanded, defaultExpanded } from "./layout";
import type { NodeStatus, TreeModel } from "./model";
import { OVERLAYS, type Overlay } from "./overlay";

/** Everything a shared link must reproduce: selection, open domains, filters, overlay, impact. */
export interface TreeViewState {
  selected: string | null;
  /** Open domain ids, oldest first; null = the default (small domains open). */
  open: string[] | null;
  filter: TreeFilter;
  overlay: Overlay;
  /** A manifest whose draft's impact colours the tree (overrides the overlay). */
  impact: string | null;
}

const STATUSES: NodeStatus[] = ["valid", "violations", "pending"];

export function parseViewState(params: URLSearchParams): TreeViewState {
  const open = params.get("open");
  const status = params.get("status") as NodeStatus | null;
  const overlay = params.get("overlay") as Overlay | null;
  return {
    selected: params.get("sel") || null,
    open: open === null ? null : open.split(",").filter(Boolean),
    filter: {
      q: params.get("q") || undefined,
      compute: params.get("compute") || undefined,
      status: status && STATUSES.includes(status) ? status : undefined,
    },
    overlay: overlay && OVERLAYS.includes(overlay) ? overlay : "status",
    impact: params.get("impact") || null,
  };
}

export function viewStateParams(s: TreeViewState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.selected) p.set("sel", s.selected);
  if (s.open) p.set("open", s.open.join(","));
  if (s.filter.q) p.set("q", s.filter.q);
  if (s.filter.compute) p.set("compute", s.filter.compute);
  if (s.filter.status) p.set("status", s.filter.status);
  if (s.overlay !== "status") p.set("overlay", s.overlay);
  if (s.impact) p.set("impact", s.impact);
  return p;
}

/**
 * The state a link opens on: a selected product's domain is open, the newest (moved to the end
 * of the link's open domains, or of the default ones when the link names none), so the product is on the canvas and
 * in the outline whichever way the link was made.
 */
export function withSelectionShown(model: TreeModel, s: TreeViewState): TreeViewState {
  const node = s.selected ? model.nodes.get(s.selected) : undefined;
  if (!node || node.kind !== "product" || !node.parent) return s;
  const base = s.open ?? defaultExpanded(model);
  // Last, so it is drawn product by product even when the node budget draws older domains as tiles.
  return base.at(-1) === node.parent ? s : { ...s, open: capExpanded(model, [...base.filter((d) => d !== node.parent), node.parent]) };
}

import { hierarchy, tree } from "d3-hierarchy";
import type { TreeModel, TreeNode } from "./model";

/**
 * How many nodes the canvas may mount. React Flow's cost is mounting and re-rendering node
 * components, and it stays smooth to roughly this many (bench/tree.ts measures it): 50 domains
 * with their clusters plus one fully expanded 500-product domain fit.
 */
export const MAX_CANVAS_NODES = 600;

/** Tidy-tree spacing, left to right: one row per product, one column per tier. */
export const ROW_HEIGHT = 64;
export const COLUMN_WIDTH = 340;

export type LayoutNodeType = "enterprise" | "domain" | "product" | "cluster";

export interface LayoutNode {
  /** Unique on the canvas: the model node's id, or `c:<domain>` for a cluster. */
  id: string;
  type: LayoutNodeType;
  x: number;
  y: number;
  /** The model node shown (for a cluster: its domain). */
  node: TreeNode;
  /** Cluster only: the products it stands for. */
  hidden?: number;
}

export interface TreeLayout {
  nodes: LayoutNode[];
  edges: { id: string; source: string; target: string }[];
  /** The expanded domains actually drawn open (a subset of the request, newest kept). */
  expanded: string[];
}

export const clusterId = (domainId: string) => `c:${domainId.slice(2)}`;

/**
 * Drops the oldest expansions until the canvas fits `max` nodes. `expanded` is ordered oldest
 * first, so the domain just opened always stays open.
 */
export function capExpanded(model: TreeModel, expanded: readonly string[], max = MAX_CANVAS_NODES): string[] {
  const root = model.nodes.get(model.root)!;
  // Root, every domain, and one cluster per non-empty collapsed domain.
  let count = 1 + root.children.length + root.children.filter((id) => model.nodes.get(id)!.children.length > 0).length;
  const kept: string[] = [];
  for (const id of [...new Set(expanded)].reverse()) {
    const size = model.nodes.get(id)?.children.length;
    if (!size) continue;
    // Opening replaces the cluster with the products; the newest always opens (truncated if it must be).
    if (kept.length > 0 && count + size - 1 > max) continue;
    count += size - 1;
    kept.unshift(id);
  }
  return kept;
}

interface Shape {
  id: string;
  type: LayoutNodeType;
  node: TreeNode;
  hidden?: number;
  children?: Shape[];
}

/**
 * Positions the visible part of the tree with d3-hierarchy's linear-time tidy tree. Collapsed
 * domains get one cluster child ("+437 products"); a domain too large for the canvas on its own
 * shows what fits plus a cluster for the rest.
 */
export function layoutTree(model: TreeModel, options: { expanded: Iterable<string>; max?: number }): TreeLayout {
  const max = options.max ?? MAX_CANVAS_NODES;
  const expanded = capExpanded(model, [...options.expanded], max);
  const open = new Set(expanded);
  const root = model.nodes.get(model.root)!;
  let budget = max - 1 - root.children.length - root.children.filter((id) => model.nodes.get(id)!.children.length > 0).length;
  const domains: Shape[] = root.children.map((id) => {
    const node = model.nodes.get(id)!;
    const shape: Shape = { id, type: "domain", node };
    if (node.children.length === 0) return shape;
    if (!open.has(id)) {
      shape.children = [{ id: clusterId(id), type: "cluster", node, hidden: node.children.length }];
      return shape;
    }
    // Its cluster's slot plus what is left; when that is not enough, keep one slot for "+N more".
    const room = budget + 1;
    const shown = node.children.length <= room ? node.children : node.children.slice(0, Math.max(1, room - 1));
    budget -= shown.length - 1;
    shape.children = shown.map((cid) => ({ id: cid, type: "product", node: model.nodes.get(cid)! }));
    const rest = node.children.length - shown.length;
    if (rest > 0) shape.children.push({ id: clusterId(id), type: "cluster", node, hidden: rest });
    return shape;
  });
  const h = hierarchy<Shape>({ id: root.id, type: "enterprise", node: root, children: domains });
  tree<Shape>()
    .nodeSize([ROW_HEIGHT, COLUMN_WIDTH])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.5))(h);

  const nodes: LayoutNode[] = [];
  const edges: TreeLayout["edges"] = [];
  h.each((d) => {
    // d3 lays trees out top-down; swapping axes reads left to right.
    nodes.push({ id: d.data.id, type: d.data.type, x: d.y!, y: d.x!, node: d.data.node, hidden: d.data.hidden });
    if (d.parent) edges.push({ id: `${d.parent.data.id}>${d.data.id}`, source: d.parent.data.id, target: d.data.id });
  });
  return { nodes, edges, expanded };
}

/** Domains drawn open when the URL names none: the small ones, as many as the canvas takes. */
export function defaultExpanded(model: TreeModel, smallDomain = 12, max = MAX_CANVAS_NODES): string[] {
  const small = model.nodes.get(model.root)!.children.filter((id) => {
    const size = model.nodes.get(id)!.children.length;
    return size > 0 && size <= smallDomain;
  });
  return capExpanded(model, small.reverse(), max).reverse();
}

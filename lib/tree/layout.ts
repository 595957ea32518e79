import type { TreeModel, TreeNode } from "./model";

/**
 * How many nodes the canvas may hold. React Flow's cost is mounting and re-rendering node
 * components, and it stays smooth to roughly this many (bench/tree.ts measures it): 50 domains
 * with their clusters, one fully open 500-product domain and another drawn as aggregated tiles fit.
 */
export const MAX_CANVAS_NODES = 700;
/** An open domain never shrinks below this many nodes (tiles) while a newer one is drawn in full. */
const MIN_TILES = 20;
/** Up to this many products an open domain is one column; beyond, a grid. */
const COLUMN_LIMIT = 12;

/** Spacing, left to right: one column per tier; one row per product (a grid row is tighter). */
export const ROW_HEIGHT = 64;
export const COLUMN_WIDTH = 340;
const GRID_ROW = 52;
const GRID_COLUMN = 264;
/** Gap between two domains' blocks. */
const BLOCK_GAP = 16;

export type LayoutNodeType = "enterprise" | "domain" | "product" | "cluster" | "tile";

export interface LayoutNode {
  /** Unique on the canvas: the model node's id, `c:<domain>` for a cluster, `t:<domain>:<i>` for a tile. */
  id: string;
  type: LayoutNodeType;
  /** Left edge and vertical middle, in flow units. */
  x: number;
  y: number;
  /** The model node shown (for a cluster or tile: its domain). */
  node: TreeNode;
  /** Cluster: the products it stands for. Tile: how many it aggregates. */
  hidden?: number;
  /** Tile only: the products it stands for, in order. */
  products?: TreeNode[];
}

/** An open domain whose products are drawn as tiles of several each, to stay within the node budget. */
export interface Aggregation {
  domain: TreeNode;
  products: number;
  tiles: number;
  perTile: number;
}

export interface TreeLayout {
  nodes: LayoutNode[];
  edges: { id: string; source: string; target: string }[];
  /** The expanded domains actually drawn open (a subset of the request, newest kept), oldest first. */
  expanded: string[];
  /** Open domains drawn as tiles rather than one node per product: the canvas says so. */
  aggregated: Aggregation[];
}

export const clusterId = (domainId: string) => `c:${domainId.slice(2)}`;
const tileId = (domainId: string, i: number) => `t:${domainId.slice(2)}:${i}`;

const sizeOf = (model: TreeModel, id: string) => model.nodes.get(id)?.children.length ?? 0;

/** Root, every domain, and one cluster per non-empty domain (an open domain trades its cluster for its products). */
function baseCount(model: TreeModel): number {
  const root = model.nodes.get(model.root)!;
  return 1 + root.children.length + root.children.filter((id) => sizeOf(model, id) > 0).length;
}

/**
 * Drops the oldest expansions until every open domain gets at least its minimum of nodes within
 * `max`. `expanded` is ordered oldest first, so the domain just opened always stays open.
 */
export function capExpanded(model: TreeModel, expanded: readonly string[], max = MAX_CANVAS_NODES): string[] {
  let room = max - baseCount(model);
  const kept: string[] = [];
  for (const id of [...new Set(expanded)].reverse()) {
    const size = sizeOf(model, id);
    if (!size) continue;
    const least = Math.min(size, MIN_TILES) - 1;
    if (kept.length > 0 && least > room) continue;
    room -= least;
    kept.unshift(id);
  }
  return kept;
}

/**
 * How many nodes each open domain gets (newest first): the newest all of its products when the
 * older ones keep at least their minimum, each older one what is left after the minimums of the
 * ones older still. A domain given fewer nodes than products is drawn as tiles.
 */
function allot(model: TreeModel, open: readonly string[], max: number): Map<string, number> {
  const newestFirst = [...open].reverse();
  // Nodes for products: the budget minus root, domains and the clusters of closed domains.
  let room = max - baseCount(model) + open.length;
  const least = newestFirst.map((id) => Math.min(sizeOf(model, id), MIN_TILES));
  const allotment = new Map<string, number>();
  newestFirst.forEach((id, i) => {
    const reserved = least.slice(i + 1).reduce((a, b) => a + b, 0);
    // Never below its minimum (capExpanded kept room for it), unless one domain alone exceeds the budget.
    const give = Math.max(1, Math.min(least[i], room), Math.min(sizeOf(model, id), room - reserved));
    allotment.set(id, give);
    room -= give;
  });
  return allotment;
}

/** Columns of a grid of `n` cells, roughly square on screen. */
const gridColumns = (n: number) => (n <= COLUMN_LIMIT ? 1 : Math.ceil(n / Math.ceil(Math.sqrt((n * GRID_COLUMN) / GRID_ROW))));

/**
 * Lays the visible tree out left to right, linear in what is drawn: the enterprise beside the
 * first domain (so the top-left of the canvas is always the start of the tree), each domain beside
 * the first row of its block. A closed domain's block is one cluster ("+437 products"); an open
 * one is a column of products, a grid when large, or a grid of tiles (several products each) when
 * the node budget cannot hold every product.
 */
export function layoutTree(model: TreeModel, options: { expanded: Iterable<string>; max?: number }): TreeLayout {
  const max = options.max ?? MAX_CANVAS_NODES;
  const expanded = capExpanded(model, [...options.expanded], max);
  const allotment = allot(model, expanded, max);
  const root = model.nodes.get(model.root)!;
  const nodes: LayoutNode[] = [];
  const edges: TreeLayout["edges"] = [];
  const aggregated: Aggregation[] = [];
  const link = (source: string, target: string) => edges.push({ id: `${source}>${target}`, source, target });

  nodes.push({ id: root.id, type: "enterprise", x: 0, y: ROW_HEIGHT / 2, node: root });
  let top = 0;
  for (const id of root.children) {
    const domain = model.nodes.get(id)!;
    const y = top + ROW_HEIGHT / 2;
    nodes.push({ id, type: "domain", x: COLUMN_WIDTH, y, node: domain });
    link(root.id, id);
    const children = domain.children.map((cid) => model.nodes.get(cid)!);
    const allowed = allotment.get(id);
    let cells: Omit<LayoutNode, "x" | "y">[];
    if (children.length === 0) cells = [];
    else if (allowed === undefined) cells = [{ id: clusterId(id), type: "cluster", node: domain, hidden: children.length }];
    else if (allowed >= children.length) cells = children.map((p) => ({ id: p.id, type: "product", node: p }));
    else {
      const perTile = Math.ceil(children.length / allowed);
      cells = [];
      for (let i = 0; i < children.length; i += perTile) {
        const products = children.slice(i, i + perTile);
        cells.push({ id: tileId(id, cells.length), type: "tile", node: domain, hidden: products.length, products });
      }
      aggregated.push({ domain, products: children.length, tiles: cells.length, perTile });
    }
    const columns = gridColumns(cells.length);
    const rows = Math.max(1, Math.ceil(cells.length / columns));
    const rowHeight = columns === 1 ? ROW_HEIGHT : GRID_ROW;
    cells.forEach((cell, i) => {
      // Column-major: reading down a column follows the products' order.
      const column = Math.floor(i / rows), row = i % rows;
      nodes.push({ ...cell, x: 2 * COLUMN_WIDTH + column * GRID_COLUMN, y: top + row * rowHeight + rowHeight / 2 + (ROW_HEIGHT - rowHeight) / 2 });
      // A grid's first column carries the edges; the rest would only draw a thicket of curves.
      if (column === 0) link(id, cell.id);
    });
    top += Math.max(ROW_HEIGHT, rows * rowHeight + (ROW_HEIGHT - rowHeight)) + (cells.length > 1 ? BLOCK_GAP * 2 : BLOCK_GAP);
  }
  return { nodes, edges, expanded, aggregated };
}

/** Domains drawn open when the URL names none: the small ones, as many as the canvas takes. */
export function defaultExpanded(model: TreeModel, smallDomain = 12, max = MAX_CANVAS_NODES): string[] {
  const small = model.nodes.get(model.root)!.children.filter((id) => {
    const size = sizeOf(model, id);
    return size > 0 && size <= smallDomain;
  });
  return capExpanded(model, small.reverse(), max).reverse();
}

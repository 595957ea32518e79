"use client";

import { BaseEdge, type Edge, type EdgeProps } from "@xyflow/react";
import type { CSSProperties } from "react";
import type { LayoutNode, TreeLayout } from "@/lib/tree/layout";

/** Where the fan's curves end: the left edge of each product, at mid-height. */
export type FanEdge = Edge<{ targets: { x: number; y: number }[] }, "fan">;

const curve = (sx: number, sy: number, tx: number, ty: number) => {
  const mx = (sx + tx) / 2;
  return `M${sx},${sy} C${mx},${sy} ${mx},${ty} ${tx},${ty}`;
};

/**
 * A domain's edges to its products as one SVG path. 500 edge components (each a store
 * subscription) cost more than mounting the products on screen; one path per half-fan costs nothing.
 */
export function FanEdgeView({ sourceX, sourceY, data, style }: EdgeProps<FanEdge>) {
  return <BaseEdge path={(data?.targets ?? []).map((t) => curve(sourceX, sourceY, t.x, t.y)).join(" ")} style={style} interactionWidth={0} />;
}

/**
 * Replaces the edges from each node to its children (enterprise to domains, domain to products)
 * by two fans: the children above the node and those below. Each fan's far end is its outermost product, so React Flow's culling
 * (the box between an edge's two ends must be in view) keeps it drawn whenever any of its curves is.
 */
export function fanEdges(layout: TreeLayout, style: CSSProperties): Edge[] {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const fans = new Map<string, { source: LayoutNode; above: LayoutNode[]; below: LayoutNode[] }>();
  const edges: Edge[] = [];
  for (const e of layout.edges) {
    const source = byId.get(e.source)!;
    const target = byId.get(e.target)!;
    const fan = fans.get(source.id) ?? { source, above: [], below: [] };
    fans.set(source.id, fan);
    (target.y < source.y ? fan.above : fan.below).push(target);
  }
  for (const { source, above, below } of fans.values()) {
    for (const [half, targets] of [["above", above], ["below", below]] as const) {
      if (targets.length === 0) continue;
      const outermost = targets.reduce((a, b) => (Math.abs(b.y - source.y) > Math.abs(a.y - source.y) ? b : a));
      edges.push({
        id: `${source.id}>${half}`,
        source: source.id,
        target: outermost.id,
        type: "fan",
        selectable: false,
        focusable: false,
        style,
        data: { targets: targets.map((t) => ({ x: t.x, y: t.y })) },
      } satisfies FanEdge);
    }
  }
  return edges;
}

export const EDGE_TYPES = { fan: FanEdgeView };

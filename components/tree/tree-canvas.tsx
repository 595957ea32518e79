"use client";

import { Controls, Position, ReactFlow, useReactFlow, type Node, type NodeHandle, type NodeMouseHandler } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { isFilterActive, nodeMatcher, type TreeFilter } from "@/lib/tree/filter";
import { IMPACT_COLOURS, type ImpactMark } from "@/lib/tree/impact";
import type { LayoutNode, TreeLayout } from "@/lib/tree/layout";
import type { TreeModel } from "@/lib/tree/model";
import { overlayColour, type Overlay } from "@/lib/tree/overlay";
import type { FocusRequest } from "./focus";
import { EDGE_TYPES, fanEdges } from "./tree-fan-edge";
import { TreeMinimap } from "./tree-minimap";
import { NODE_SIZE, NODE_TYPES, type CanvasNodeData } from "./tree-nodes";

type CanvasNode = Node<CanvasNodeData>;

const sameData = (a: CanvasNodeData, b: CanvasNodeData) => (Object.keys(a) as (keyof CanvasNodeData)[]).every((k) => a[k] === b[k]);

/**
 * Hands React Flow the previous object for every node whose position and data did not change, so
 * an expand or a selection re-renders only the nodes it touches, not all 600.
 */
function useStableNodes(next: CanvasNode[]): CanvasNode[] {
  const previous = useRef(new Map<string, CanvasNode>());
  return useMemo(() => {
    const old = previous.current;
    const stable = next.map((n) => {
      const p = old.get(n.id);
      return p && p.type === n.type && p.position.x === n.position.x && p.position.y === n.position.y && sameData(p.data, n.data) ? p : n;
    });
    previous.current = new Map(stable.map((n) => [n.id, n]));
    return stable;
  }, [next]);
}

interface Props {
  model: TreeModel;
  layout: TreeLayout;
  selected: string | null;
  filter: TreeFilter;
  overlay: Overlay;
  /** Impact overlay, when one is shown: it replaces the overlay's colours. */
  marks: ReadonlyMap<string, ImpactMark> | null;
  onSelect: (id: string) => void;
  onToggle: (domainId: string) => void;
  onExpand: (domainId: string) => void;
  /** A selection made elsewhere (outline, URL): the canvas pans to it once it is laid out. */
  focusRequest: FocusRequest;
}

const EDGE_STYLE = { stroke: "#cbd5e1" };
/** Flow units of height that still fit the canvas at a readable zoom (about half size). */
const READABLE_SPAN = 1600;

/** Edges leave a node's right edge and enter its left edge, at mid-height (as the <Handle>s in tree-nodes.tsx sit). */
const HANDLES = Object.fromEntries(
  Object.entries(NODE_SIZE).map(([type, { width, height }]) => [
    type,
    [
      { type: "target", position: Position.Left, x: 0, y: height / 2 - 0.5, width: 1, height: 1 },
      { type: "source", position: Position.Right, x: width - 1, y: height / 2 - 0.5, width: 1, height: 1 },
    ] satisfies NodeHandle[],
  ]),
) as Record<keyof typeof NODE_SIZE, NodeHandle[]>;

/** The React Flow canvas: a few hundred mounted nodes at most (lib/tree/layout.ts caps them). */
export function TreeCanvas({ model, layout, selected, filter, overlay, marks, onSelect, onToggle, onExpand, focusRequest }: Props) {
  const flow = useReactFlow();
  const open = useMemo(() => new Set(layout.expanded), [layout.expanded]);
  const filtering = isFilterActive(filter);

  // Positions and edges change only with the layout; colour, dimming and selection are cheap on top.
  const colourOf = useCallback((n: LayoutNode) => (marks ? IMPACT_COLOURS[marks.get(n.node.id) ?? "unaffected"] : overlayColour(overlay, n.node)), [marks, overlay]);
  const fresh = useMemo((): CanvasNode[] => {
    const matches = nodeMatcher(filter);
    return layout.nodes.map((n) => {
      const size = NODE_SIZE[n.type];
      const clusterMatches = n.type === "cluster" && filtering ? n.node.children.reduce((k, id) => k + (matches(model.nodes.get(id)!) ? 1 : 0), 0) : undefined;
      return {
        id: n.id,
        type: n.type,
        position: { x: n.x, y: n.y - size.height / 2 },
        width: size.width,
        height: size.height,
        // Known size and handles: React Flow otherwise mounts every new node once to measure it
        // (all 500 products of an expanded domain, on or off screen) and re-measures on each mount.
        measured: size,
        handles: HANDLES[n.type],
        draggable: false,
        connectable: false,
        data: {
          node: n.node,
          colour: colourOf(n),
          impact: marks?.get(n.node.id),
          selected: n.type !== "cluster" && n.id === selected,
          dimmed: filtering && (n.type === "cluster" ? clusterMatches === 0 : !matches(n.node)),
          hidden: n.hidden,
          matches: clusterMatches,
          expanded: open.has(n.id),
          onToggle: n.type === "cluster" ? onExpand : onToggle,
        },
      };
    });
  }, [layout, model, filter, filtering, colourOf, marks, selected, open, onToggle, onExpand]);
  const nodes = useStableNodes(fresh);

  const edges = useMemo(() => fanEdges(layout, EDGE_STYLE), [layout]);
  const onNodeClick = useCallback<NodeMouseHandler>((_, n) => n.type !== "cluster" && onSelect(n.id), [onSelect]);

  const lastFocus = useRef(0);
  useEffect(() => {
    if (!focusRequest.id || focusRequest.seq === lastFocus.current) return;
    const target = layout.nodes.find((n) => n.id === focusRequest.id);
    if (!target) return; // not drawn yet: the layout that opens its domain is on its way
    lastFocus.current = focusRequest.seq;
    // No animation: every animated frame would mount and unmount the nodes passing through view.
    flow.setCenter(target.x + NODE_SIZE[target.type].width / 2, target.y, { zoom: Math.max(flow.getZoom(), 0.8) });
  }, [focusRequest, layout, flow]);

  // First view, readable (fitting 50 domains, or 500 products, would shrink them to dots): the
  // enterprise and the first domains when they sit close together and hold the selection, else
  // the selection from the URL, else the first open domain.
  const initial = useMemo(() => {
    const first = layout.nodes.slice(0, 14);
    const ys = first.map((n) => n.y);
    const compact = Math.max(...ys) - Math.min(...ys) <= READABLE_SPAN;
    if (compact && (!selected || first.some((n) => n.id === selected))) return first.map((n) => ({ id: n.id }));
    const drawn = new Set(layout.nodes.map((n) => n.id));
    const focus = [selected, layout.expanded[0]].find((id) => id && drawn.has(id));
    return focus ? [{ id: focus }] : first.map((n) => ({ id: n.id }));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <ReactFlow
      aria-label="Organisation tree canvas"
      nodes={nodes}
      edges={edges}
      edgeTypes={EDGE_TYPES}
      nodeTypes={NODE_TYPES}
      onNodeClick={onNodeClick}
      onlyRenderVisibleElements
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      fitView
      fitViewOptions={{ nodes: initial, maxZoom: 1, padding: 0.15 }}
      minZoom={0.05}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
    >
      <Controls showInteractive={false} />
      <TreeMinimap nodes={layout.nodes} colourOf={colourOf} />
    </ReactFlow>
  );
}

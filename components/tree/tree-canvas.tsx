"use client";

import { ControlButton, Controls, Panel, Position, ReactFlow, useReactFlow, useStore, type Node, type NodeHandle, type NodeMouseHandler, type OnMove } from "@xyflow/react";
import { Maximize } from "lucide-react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { isFilterActive, nodeMatcher, type TreeFilter } from "@/lib/tree/filter";
import type { ImpactMark } from "@/lib/tree/impact";
import { MAX_CANVAS_NODES, type LayoutNode, type TreeLayout } from "@/lib/tree/layout";
import type { TreeModel, TreeNode } from "@/lib/tree/model";
import { boundsOf, centre, frame, freeArea, MAX_ZOOM, MIN_ZOOM, READABLE_ZOOM, reveal, zoomLevel, type Rect } from "@/lib/tree/viewport";
import type { FocusRequest } from "./focus";
import { EDGE_TYPES, fanEdges } from "./tree-fan-edge";
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
  /** Impact overlay, when one is shown: it replaces the overlay's colours. */
  marks: ReadonlyMap<string, ImpactMark> | null;
  onSelect: (id: string) => void;
  onToggle: (domainId: string) => void;
  onExpand: (domainId: string) => void;
  /** Zooming in on a cluster or tile draws its domain product by product, without moving the view. */
  onReveal: (domainId: string) => void;
  /** A selection made elsewhere (outline, URL): the canvas pans to it once it is laid out. */
  focusRequest: FocusRequest;
  /** The side panel's box relative to the canvas when it is drawn over it (narrow screens), else null. */
  coveredBy: () => { left: number; top: number; right: number; bottom: number } | null;
  /** A node's colour: the overlay's, or the impact preview's. */
  colourOf: (n: TreeNode) => string;
}

const EDGE_STYLE = { stroke: "#cbd5e1" };
/** Fit draws everything down to this zoom (zoom level 2: products still named), else the enterprise and domains. */
const FIT_ALL_ZOOM = 0.4;

const rectOf = (n: LayoutNode): Rect => {
  const { width, height } = NODE_SIZE[n.type];
  return { x: n.x, y: n.y - height / 2, width, height };
};

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
export function TreeCanvas({ model, layout, selected, filter, marks, onSelect, onToggle, onExpand, onReveal, focusRequest, coveredBy, colourOf }: Props) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const open = useMemo(() => new Set(layout.expanded), [layout.expanded]);
  const filtering = isFilterActive(filter);

  // Positions and edges change only with the layout; colour, dimming and selection are cheap on top.
  // Each domain's products by colour: the heat strip of its node and cluster (25,000 look-ups per overlay, not per render).
  const strips = useMemo(() => {
    const out = new Map<string, string>();
    for (const id of model.nodes.get(model.root)!.children) {
      const counts = new Map<string, number>();
      for (const pid of model.nodes.get(id)!.children) {
        const c = colourOf(model.nodes.get(pid)!);
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      out.set(id, [...counts].map(([c, k]) => `${c} ${k}`).join(";"));
    }
    return out;
  }, [model, colourOf]);
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
          colour: colourOf(n.node),
          strip: n.type === "domain" || n.type === "cluster" ? strips.get(n.node.id) || undefined : undefined,
          cells: n.products?.map(colourOf).join(";"),
          span: n.products && `${n.products[0].name} … ${n.products.at(-1)!.name}`,
          impact: marks?.get(n.node.id),
          selected: n.type !== "cluster" && n.id === selected,
          dimmed: filtering && (n.type === "cluster" ? clusterMatches === 0 : n.type === "tile" ? !n.products!.some(matches) : !matches(n.node)),
          hidden: n.hidden,
          matches: clusterMatches,
          expanded: open.has(n.id),
          onToggle: n.type === "cluster" || n.type === "tile" ? onExpand : onToggle,
        },
      };
    });
  }, [layout, model, filter, filtering, colourOf, strips, marks, selected, open, onToggle, onExpand]);
  const nodes = useStableNodes(fresh);

  const edges = useMemo(() => fanEdges(layout, EDGE_STYLE), [layout]);
  // Clusters and tiles are buttons that open their domain, not nodes to select.
  const onNodeClick = useCallback<NodeMouseHandler>((_, n) => n.type !== "cluster" && n.type !== "tile" && onSelect(n.id), [onSelect]);

  // Every pan below is without animation: each animated frame would mount and unmount the nodes passing through view.
  const area = useCallback(() => freeArea({ width, height }, coveredBy()), [width, height, coveredBy]);
  const drawn = useCallback((id: string | null) => (id ? layout.nodes.find((n) => n.id === id) : undefined), [layout]);
  /** Centres a node in the part of the canvas beside the panel, at a readable zoom that fits there. */
  const focusOn = useCallback(
    (n: LayoutNode) => {
      const rect = rectOf(n), free = area();
      const zoom = Math.max(MIN_ZOOM, Math.min(Math.max(flow.getZoom(), READABLE_ZOOM), (free.width - 32) / rect.width, (free.height - 32) / rect.height));
      void flow.setViewport(centre(rect, free, zoom));
    },
    [area, flow],
  );
  /** Everything when it fits with product labels at full size, else the enterprise and the domains. */
  const fitOverview = useCallback(() => {
    const free = area();
    const all = boundsOf(layout.nodes.map(rectOf));
    const whole = all && frame(all, free, { minZoom: 0 });
    if (whole && whole.zoom >= FIT_ALL_ZOOM) return void flow.setViewport(whole);
    const bounds = boundsOf(overviewNodes(layout, selected).map(rectOf));
    if (bounds) void flow.setViewport(frame(bounds, free));
  }, [layout, selected, area, flow]);

  // First view, once the canvas has its size: the selection from the URL beside the panel, else the overview.
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current || width === 0 || height === 0) return;
    shown.current = true;
    const target = drawn(selected);
    if (target) focusOn(target);
    else fitOverview();
  }, [width, height]); // eslint-disable-line react-hooks/exhaustive-deps

  // A selection made in the outline, search or a link: centred beside the panel once it is laid out.
  // Otherwise, when the selection changes or the canvas resizes (the panel opening), the smallest pan
  // that keeps the selection in the free part. One effect: setViewport lands in the store a frame
  // later, so a second effect would pan from the old viewport and undo the first.
  const lastFocus = useRef(0);
  const lastSeen = useRef({ selected, width, height });
  useEffect(() => {
    if (width === 0) return;
    const focus = focusRequest.id && focusRequest.seq !== lastFocus.current ? drawn(focusRequest.id) : undefined;
    const seen = lastSeen.current;
    lastSeen.current = { selected, width, height };
    if (focus) {
      lastFocus.current = focusRequest.seq;
      return focusOn(focus);
    }
    if (seen.selected === selected && seen.width === width && seen.height === height) return;
    const target = drawn(selected);
    const next = target && reveal(rectOf(target), area(), flow.getViewport());
    if (next) void flow.setViewport(next);
  }, [focusRequest, selected, width, height, drawn, focusOn, area, flow]);

  // Semantic zoom: the user zooming in to full detail over a cluster or a tile draws that domain's
  // products in its place. Programmatic moves (focus, fit) come without an event and are left alone.
  const zoomAtStart = useRef(1);
  const onMoveStart = useCallback<OnMove>((_, v) => void (zoomAtStart.current = v.zoom), []);
  const onMoveEnd = useCallback<OnMove>(
    (event, { x, y, zoom }) => {
      if (!event || zoomLevel(zoom) !== 0 || zoomLevel(zoomAtStart.current) === 0) return;
      const free = area();
      // Where the user zoomed: the pointer (a wheel zooms around it), else the middle of the free area.
      const at = "clientX" in event ? flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) : { x: (free.left + free.width / 2 - x) / zoom, y: (free.top + free.height / 2 - y) / zoom };
      const [cx, cy] = [at.x, at.y];
      const view = { x: -x / zoom, y: -y / zoom, width: free.width / zoom, height: free.height / zoom };
      let best: LayoutNode | undefined, bestDistance = Infinity;
      for (const n of layout.nodes) {
        if (n.type !== "cluster" && n.type !== "tile") continue;
        const r = rectOf(n);
        if (r.x > view.x + view.width || r.x + r.width < view.x || r.y > view.y + view.height || r.y + r.height < view.y) continue;
        const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
        if (d < bestDistance) [best, bestDistance] = [n, d];
      }
      if (best) onReveal(best.node.id);
    },
    [area, layout, onReveal, flow],
  );

  return (
    <ReactFlow
      onMoveStart={onMoveStart}
      onMoveEnd={onMoveEnd}
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
      minZoom={MIN_ZOOM}
      maxZoom={MAX_ZOOM}
      proOptions={{ hideAttribution: true }}
    >
      {layout.aggregated.length > 0 && (
        <Panel position="top-left">
          <p role="status" aria-label="Aggregated products" className="max-w-md rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
            {layout.aggregated.map((a) => `${a.domain.name}: ${a.products} products drawn as ${a.tiles} tiles of up to ${a.perTile}`).join("; ")}. The canvas holds{" "}
            {MAX_CANVAS_NODES} nodes at most; click a tile (or pick a product in the outline) to draw that domain product by product.
          </p>
        </Panel>
      )}
      <Controls showInteractive={false} showFitView={false}>
        <ControlButton onClick={fitOverview} aria-label="Fit the enterprise and domains" title="Fit the enterprise and domains">
          <Maximize aria-hidden />
        </ControlButton>
      </Controls>
    </ReactFlow>
  );
}

/**
 * What the first view and "fit" frame: the enterprise and the domains (with a collapsed domain's
 * cluster), never hundreds of products, so the frame stays readable at any size.
 */
function overviewNodes(layout: TreeLayout, selected: string | null): LayoutNode[] {
  return layout.nodes.filter((n) => n.type === "enterprise" || n.type === "domain" || n.type === "cluster" || n.id === selected);
}

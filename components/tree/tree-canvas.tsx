"use client";

import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Edge, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useRef } from "react";
import { isFilterActive, nodeMatcher, type TreeFilter } from "@/lib/tree/filter";
import type { TreeLayout } from "@/lib/tree/layout";
import type { TreeModel } from "@/lib/tree/model";
import { overlayColour, type Overlay } from "@/lib/tree/overlay";
import type { FocusRequest } from "./focus";
import { NODE_SIZE, NODE_TYPES, type CanvasNodeData } from "./tree-nodes";

interface Props {
  model: TreeModel;
  layout: TreeLayout;
  selected: string | null;
  filter: TreeFilter;
  overlay: Overlay;
  onSelect: (id: string) => void;
  onToggle: (domainId: string) => void;
  onExpand: (domainId: string) => void;
  /** A selection made elsewhere (outline, URL): the canvas pans to it once it is laid out. */
  focusRequest: FocusRequest;
}

/** The React Flow canvas: a few hundred mounted nodes at most (lib/tree/layout.ts caps them). */
export function TreeCanvas({ model, layout, selected, filter, overlay, onSelect, onToggle, onExpand, focusRequest }: Props) {
  const flow = useReactFlow();
  const open = useMemo(() => new Set(layout.expanded), [layout.expanded]);
  const filtering = isFilterActive(filter);

  // Positions and edges change only with the layout; colour, dimming and selection are cheap on top.
  const nodes = useMemo((): Node<CanvasNodeData>[] => {
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
        draggable: false,
        connectable: false,
        data: {
          node: n.node,
          colour: overlayColour(overlay, n.node),
          selected: n.type !== "cluster" && n.id === selected,
          dimmed: filtering && (n.type === "cluster" ? clusterMatches === 0 : !matches(n.node)),
          hidden: n.hidden,
          matches: clusterMatches,
          expanded: open.has(n.id),
          onToggle: n.type === "cluster" ? onExpand : onToggle,
        },
      };
    });
  }, [layout, model, filter, filtering, overlay, selected, open, onToggle, onExpand]);

  const edges = useMemo((): Edge[] => layout.edges.map((e) => ({ ...e, type: "default", selectable: false, focusable: false, style: { stroke: "#cbd5e1" } })), [layout.edges]);

  const lastFocus = useRef(0);
  useEffect(() => {
    if (!focusRequest.id || focusRequest.seq === lastFocus.current) return;
    const target = layout.nodes.find((n) => n.id === focusRequest.id);
    if (!target) return; // not drawn yet: the layout that opens its domain is on its way
    lastFocus.current = focusRequest.seq;
    flow.setCenter(target.x + NODE_SIZE[target.type].width / 2, target.y, { zoom: Math.max(flow.getZoom(), 0.8), duration: 200 });
  }, [focusRequest, layout, flow]);

  // First view: the enterprise and the first domains, readable (fitting 50 domains would shrink them to dots).
  const initial = useMemo(() => layout.nodes.slice(0, 14).map((n) => ({ id: n.id })), []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <ReactFlow
      aria-label="Organisation tree canvas"
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodeClick={(_, n) => n.type !== "cluster" && onSelect(n.id)}
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
      <Background gap={24} color="#e2e8f0" />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeColor={(n) => (n.data as CanvasNodeData).colour} nodeStrokeWidth={0} className="!border !border-slate-200" />
    </ReactFlow>
  );
}

"use client";

import { Handle, Position, useStore, type Node, type NodeProps } from "@xyflow/react";
import { Boxes, Building2, ChevronDown, ChevronRight, Grid3x3, Layers, Package } from "lucide-react";
import { memo, type CSSProperties } from "react";
import { cn } from "@/components/ui/cn";
import type { ImpactMark } from "@/lib/tree/impact";
import type { TreeNode } from "@/lib/tree/model";
import { zoomLevel, type ZoomLevel } from "@/lib/tree/viewport";

export interface CanvasNodeData extends Record<string, unknown> {
  node: TreeNode;
  colour: string;
  selected: boolean;
  /** A filter is active and this node does not match it. */
  dimmed: boolean;
  /** Cluster: products it stands for, and how many of them match the filter. Tile: products it aggregates. */
  hidden?: number;
  matches?: number;
  expanded?: boolean;
  /** Impact overlay: what the previewed draft does to this node. */
  impact?: ImpactMark;
  /** Domain and cluster: the overlay over its products as "colour count" pairs joined by ";" (a string, so unchanged data compares equal). */
  strip?: string;
  /** Tile: its products' overlay colours joined by ";", and their names, first and last. */
  cells?: string;
  span?: string;
  onToggle?: (domainId: string) => void;
}
type CanvasNode = Node<CanvasNodeData>;

export const NODE_SIZE = {
  enterprise: { width: 260, height: 60 },
  domain: { width: 270, height: 56 },
  product: { width: 240, height: 40 },
  cluster: { width: 240, height: 52 },
  tile: { width: 240, height: 40 },
} as const;

/**
 * Label size per zoom level (lib/tree/viewport.ts), in canvas pixels: each is at least 11 px on
 * screen down to its level's lowest zoom, so labels stay readable however far out the canvas is.
 * Products carry no label at the lowest level: there they are their overlay colour.
 */
const LABEL_PX: Record<ZoomLevel, number> = { 0: 14, 1: 19, 2: 28, 3: 44 };
const SMALL_LABEL_PX: Record<ZoomLevel, number> = { 0: 13, 1: 19, 2: 28, 3: 44 };
const useZoomLevel = () => useStore((s) => zoomLevel(s.transform[2]));
const labelStyle = (px: number): CSSProperties => ({ fontSize: px, lineHeight: 1.15 });

const handles = (
  <>
    <Handle type="target" position={Position.Left} isConnectable={false} className="!border-0 !bg-transparent" />
    <Handle type="source" position={Position.Right} isConnectable={false} className="!border-0 !bg-transparent" />
  </>
);

const IMPACT_FRAME: Record<ImpactMark, string> = { broken: "border-red-500 bg-red-50", changed: "border-amber-400 bg-amber-50", fixed: "border-emerald-500 bg-emerald-50" };

// No shadows and no dotted background on the canvas: without a GPU, Chromium paints them again on every pan frame.
function frame(d: CanvasNodeData, extra?: string) {
  return cn(
    "relative flex h-full w-full items-center gap-2 overflow-hidden rounded-lg border bg-white px-2.5 transition-opacity",
    extra,
    d.impact && IMPACT_FRAME[d.impact],
    d.selected ? "border-indigo-500 ring-2 ring-indigo-400" : !d.impact && "border-slate-200",
    d.dimmed && "opacity-30",
  );
}

/** The overlay colour as a bar on the node's left edge. */
const Swatch = ({ colour }: { colour: string }) => <span aria-hidden className="h-3/5 w-1.5 shrink-0 rounded-full" style={{ background: colour }} />;

/** The overlay over a domain's products as a heat strip along the node's bottom edge. */
function HeatStrip({ strip, tall }: { strip?: string; tall?: boolean }) {
  if (!strip) return null;
  return (
    <span aria-hidden data-heat-strip className={cn("absolute inset-x-0 bottom-0 flex", tall ? "h-2.5" : "h-1")}>
      {strip.split(";").map((part) => {
        const [colour, count] = part.split(" ");
        return <span key={colour} style={{ background: colour, flexGrow: Number(count) }} />;
      })}
    </span>
  );
}

function StatusText({ node }: { node: TreeNode }) {
  if (node.status === "pending") return <span className="text-amber-700">pending approval</span>;
  if (node.status === "violations") return <span className="text-red-700">{node.violationCount} error{node.violationCount === 1 ? "" : "s"}</span>;
  return <span className="text-emerald-700">valid</span>;
}

function Rollup({ node }: { node: TreeNode }) {
  const r = node.rollup;
  if (!r) return null;
  return (
    <span className="truncate text-[11px] text-slate-500">
      {r.products} products
      {r.broken > 0 && <span className="text-red-700"> · {r.broken} broken</span>}
      {r.pending > 0 && <span className="text-amber-700"> · {r.pending} pending</span>}
    </span>
  );
}

export const EnterpriseNode = memo(function EnterpriseNode({ data }: NodeProps<CanvasNode>) {
  const level = useZoomLevel();
  return (
    <div className={frame(data, "bg-indigo-50/60")} data-node-id={data.node.id} data-impact={data.impact} title={data.node.name}>
      <Swatch colour={data.colour} />
      {level === 0 && <Building2 aria-hidden className="size-4 shrink-0 text-indigo-600" />}
      <div className="flex min-w-0 flex-col">
        <span data-label className="truncate font-semibold text-slate-900" style={labelStyle(LABEL_PX[level])}>
          {data.node.name} {level === 0 && <span className="font-normal text-slate-600">{data.node.version}</span>}
        </span>
        {level === 0 && <Rollup node={data.node} />}
      </div>
      {handles}
    </div>
  );
});

export const DomainNode = memo(function DomainNode({ data }: NodeProps<CanvasNode>) {
  const { node } = data;
  const level = useZoomLevel();
  const Chevron = data.expanded ? ChevronDown : ChevronRight;
  return (
    <div className={frame(data)} data-node-id={node.id} data-impact={data.impact} title={`${node.name}: ${node.rollup?.products ?? 0} products`}>
      <Swatch colour={data.colour} />
      {level === 0 && <Layers aria-hidden className="size-4 shrink-0 text-slate-500" />}
      <div className="flex min-w-0 flex-1 flex-col">
        <span data-label className="truncate font-medium text-slate-900" style={labelStyle(LABEL_PX[level])}>
          {node.name} {level === 0 && <span className="text-xs font-normal text-slate-600">{node.version}</span>}
          {level === 0 && node.violationCount > 0 && <span className="ml-1 text-xs text-red-700">· {node.violationCount} errors</span>}
        </span>
        {level === 0 && <Rollup node={node} />}
      </div>
      {node.children.length > 0 && level === 0 && (
        <button
          type="button"
          aria-label={`${data.expanded ? "Collapse" : "Expand"} ${node.name}`}
          className="nodrag rounded p-0.5 text-slate-500 hover:bg-slate-100"
          onClick={(e) => {
            e.stopPropagation();
            data.onToggle?.(node.id);
          }}
        >
          <Chevron className="size-4" />
        </button>
      )}
      <HeatStrip strip={data.strip} tall={level > 0} />
      {handles}
    </div>
  );
});

export const ProductNode = memo(function ProductNode({ data }: NodeProps<CanvasNode>) {
  const level = useZoomLevel();
  if (level === 3) {
    // Too small to read: the overlay colour is the node.
    return (
      <div className={frame(data)} style={{ background: data.colour }} data-node-id={data.node.id} data-impact={data.impact} title={data.node.name}>
        {handles}
      </div>
    );
  }
  return (
    <div className={frame(data)} data-node-id={data.node.id} data-impact={data.impact} title={data.node.name}>
      <Swatch colour={data.colour} />
      {level === 0 && <Package aria-hidden className="size-3.5 shrink-0 text-slate-400" />}
      <span data-label className="min-w-0 flex-1 truncate font-medium text-slate-800" style={labelStyle(SMALL_LABEL_PX[level])}>
        {data.node.name}
      </span>
      {level === 0 && (
        <span className="shrink-0 text-[11px]">
          <StatusText node={data.node} />
        </span>
      )}
      {handles}
    </div>
  );
});

export const ClusterNode = memo(function ClusterNode({ data }: NodeProps<CanvasNode>) {
  const level = useZoomLevel();
  return (
    <button
      type="button"
      className={frame(data, "cursor-pointer border-dashed bg-slate-50 hover:border-indigo-400 hover:bg-indigo-50")}
      onClick={() => data.onToggle?.(data.node.id)}
      aria-label={`Show ${data.hidden} products of ${data.node.name}`}
      data-impact={data.impact}
    >
      {level === 0 && <Boxes aria-hidden className="size-4 shrink-0 text-slate-500" />}
      <span data-label className="flex-1 truncate text-left font-medium text-slate-700" style={labelStyle(SMALL_LABEL_PX[level])}>
        {level >= 2 ? data.hidden : `+${data.hidden} products`}
      </span>
      {level === 0 && data.matches !== undefined && <span className="text-[11px] text-indigo-700">{data.matches} match</span>}
      <HeatStrip strip={data.strip} tall={level > 0} />
      {handles}
    </button>
  );
});

/** Several products of a domain the node budget cannot draw one by one: a mini-grid of their colours. */
export const TileNode = memo(function TileNode({ data }: NodeProps<CanvasNode>) {
  const level = useZoomLevel();
  const cells = data.cells ? data.cells.split(";") : [];
  const columns = Math.ceil(Math.sqrt(cells.length * 4));
  return (
    <button
      type="button"
      className={frame(data, "cursor-pointer gap-1.5 border-dashed bg-slate-50 px-1.5 hover:border-indigo-400 hover:bg-indigo-50")}
      onClick={() => data.onToggle?.(data.node.id)}
      aria-label={`${data.hidden} products of ${data.node.name} aggregated (${data.span}): draw them one by one`}
      title={`${data.span}: ${data.hidden} products aggregated`}
      data-tile
      data-impact={data.impact}
    >
      <span aria-hidden className="grid h-4/5 shrink-0 gap-px" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)`, width: level === 0 ? "40%" : "100%" }}>
        {cells.map((colour, i) => (
          <span key={i} className="rounded-[1px]" style={{ background: colour }} />
        ))}
      </span>
      {level === 0 && (
        <span data-label className="min-w-0 flex-1 truncate text-left font-medium text-slate-700" style={labelStyle(SMALL_LABEL_PX[0])}>
          {data.hidden} products
        </span>
      )}
      {level === 0 && <Grid3x3 aria-hidden className="size-3.5 shrink-0 text-slate-400" />}
      {handles}
    </button>
  );
});

export const NODE_TYPES = { enterprise: EnterpriseNode, domain: DomainNode, product: ProductNode, cluster: ClusterNode, tile: TileNode };

"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { Boxes, Building2, ChevronDown, ChevronRight, Layers, Package } from "lucide-react";
import { memo } from "react";
import { cn } from "@/components/ui/cn";
import type { ImpactMark } from "@/lib/tree/impact";
import type { TreeNode } from "@/lib/tree/model";

export interface CanvasNodeData extends Record<string, unknown> {
  node: TreeNode;
  colour: string;
  selected: boolean;
  /** A filter is active and this node does not match it. */
  dimmed: boolean;
  /** Cluster: products it stands for, and how many of them match the filter. */
  hidden?: number;
  matches?: number;
  expanded?: boolean;
  /** Impact overlay: what the previewed draft does to this node. */
  impact?: ImpactMark;
  onToggle?: (domainId: string) => void;
}
type CanvasNode = Node<CanvasNodeData>;

export const NODE_SIZE = {
  enterprise: { width: 260, height: 60 },
  domain: { width: 270, height: 56 },
  product: { width: 240, height: 40 },
  cluster: { width: 240, height: 44 },
} as const;

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
    "flex h-full w-full items-center gap-2 rounded-lg border bg-white px-2.5 transition-opacity",
    extra,
    d.impact && IMPACT_FRAME[d.impact],
    d.selected ? "border-indigo-500 ring-2 ring-indigo-400" : !d.impact && "border-slate-200",
    d.dimmed && "opacity-30",
  );
}

/** The overlay colour as a bar on the node's left edge. */
const Swatch = ({ colour }: { colour: string }) => <span aria-hidden className="h-3/5 w-1.5 shrink-0 rounded-full" style={{ background: colour }} />;

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
  return (
    <div className={frame(data, "bg-indigo-50/60")} data-node-id={data.node.id} data-impact={data.impact}>
      <Swatch colour={data.colour} />
      <Building2 aria-hidden className="size-4 shrink-0 text-indigo-600" />
      <div className="flex min-w-0 flex-col">
        <span className="truncate text-sm font-semibold text-slate-900">
          {data.node.name} <span className="font-normal text-slate-600">{data.node.version}</span>
        </span>
        <Rollup node={data.node} />
      </div>
      {handles}
    </div>
  );
});

export const DomainNode = memo(function DomainNode({ data }: NodeProps<CanvasNode>) {
  const { node } = data;
  const Chevron = data.expanded ? ChevronDown : ChevronRight;
  return (
    <div className={frame(data)} data-node-id={node.id} data-impact={data.impact}>
      <Swatch colour={data.colour} />
      <Layers aria-hidden className="size-4 shrink-0 text-slate-500" />
      <div className="flex min-w-0 flex-1 flex-col">
        <span className="truncate text-sm font-medium text-slate-900">
          {node.name} <span className="text-xs font-normal text-slate-600">{node.version}</span>
          {node.violationCount > 0 && <span className="ml-1 text-xs text-red-700">· {node.violationCount} errors</span>}
        </span>
        <Rollup node={node} />
      </div>
      {node.children.length > 0 && (
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
      {handles}
    </div>
  );
});

export const ProductNode = memo(function ProductNode({ data }: NodeProps<CanvasNode>) {
  return (
    <div className={frame(data)} data-node-id={data.node.id} data-impact={data.impact}>
      <Swatch colour={data.colour} />
      <Package aria-hidden className="size-3.5 shrink-0 text-slate-400" />
      <span className="min-w-0 flex-1 truncate text-xs font-medium text-slate-800">{data.node.name}</span>
      <span className="shrink-0 text-[11px]">
        <StatusText node={data.node} />
      </span>
      {handles}
    </div>
  );
});

export const ClusterNode = memo(function ClusterNode({ data }: NodeProps<CanvasNode>) {
  return (
    <button
      type="button"
      className={frame(data, "cursor-pointer border-dashed bg-slate-50 hover:border-indigo-400 hover:bg-indigo-50")}
      onClick={() => data.onToggle?.(data.node.id)}
      aria-label={`Show ${data.hidden} products of ${data.node.name}`}
      data-impact={data.impact}
    >
      <Boxes aria-hidden className="size-4 shrink-0 text-slate-500" />
      <span className="flex-1 text-left text-xs font-medium text-slate-700">+{data.hidden} products</span>
      {data.matches !== undefined && <span className="text-[11px] text-indigo-700">{data.matches} match</span>}
      {handles}
    </button>
  );
});

export const NODE_TYPES = { enterprise: EnterpriseNode, domain: DomainNode, product: ProductNode, cluster: ClusterNode };

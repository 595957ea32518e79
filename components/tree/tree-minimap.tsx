"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect, useRef, type PointerEvent, type WheelEvent } from "react";
import type { LayoutNode } from "@/lib/tree/layout";
import type { TreeNode } from "@/lib/tree/model";
import { NODE_SIZE } from "./tree-nodes";

const WIDTH = 200;
const HEIGHT = 150;

interface Props {
  nodes: readonly LayoutNode[];
  colourOf: (n: TreeNode) => string;
}

interface Frame {
  /** Flow coordinates of the minimap's top-left corner, and minimap pixels per flow unit. */
  x: number;
  y: number;
  scale: number;
}

/**
 * The minimap as one <canvas>. React Flow's own MiniMap mounts a component and a store
 * subscription per node, which costs more than the canvas itself at 600 nodes, on every pan frame.
 * Drag to pan, wheel to zoom.
 */
export function TreeMinimap({ nodes, colourOf }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<Frame>({ x: 0, y: 0, scale: 1 });
  const store = useStoreApi();
  const flow = useReactFlow();

  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const n of nodes) {
      const { width, height } = NODE_SIZE[n.type];
      minX = Math.min(minX, n.x);
      maxX = Math.max(maxX, n.x + width);
      minY = Math.min(minY, n.y - height / 2);
      maxY = Math.max(maxY, n.y + height / 2);
    }
    const draw = () => {
      const { transform, width, height } = store.getState();
      const [tx, ty, zoom] = transform;
      // What is in view, in flow coordinates; the minimap always shows both it and the whole tree.
      const view = { x: -tx / zoom, y: -ty / zoom, w: width / zoom, h: height / zoom };
      const left = Math.min(minX, view.x), top = Math.min(minY, view.y);
      const spanX = Math.max(maxX, view.x + view.w) - left, spanY = Math.max(maxY, view.y + view.h) - top;
      const scale = Math.min(WIDTH / spanX, HEIGHT / spanY);
      const f = { x: left - (WIDTH / scale - spanX) / 2, y: top - (HEIGHT / scale - spanY) / 2, scale };
      frame.current = f;
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      ctx.fillStyle = "#f1f5f9";
      ctx.fillRect(0, 0, WIDTH, HEIGHT);
      for (const n of nodes) {
        const size = NODE_SIZE[n.type];
        ctx.fillStyle = colourOf(n.node);
        ctx.fillRect((n.x - f.x) * scale, (n.y - size.height / 2 - f.y) * scale, Math.max(1, size.width * scale), Math.max(1, size.height * scale));
      }
      ctx.strokeStyle = "#6366f1";
      ctx.lineWidth = 1.5;
      ctx.strokeRect((view.x - f.x) * scale, (view.y - f.y) * scale, view.w * scale, view.h * scale);
    };
    draw();
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) draw();
    });
  }, [nodes, colourOf, store]);

  const centreOn = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const f = frame.current;
    flow.setCenter(f.x + (e.clientX - rect.left) / f.scale, f.y + (e.clientY - rect.top) / f.scale, { zoom: flow.getZoom() });
  };
  const onWheel = (e: WheelEvent<HTMLCanvasElement>) => (e.deltaY < 0 ? flow.zoomIn({ duration: 0 }) : flow.zoomOut({ duration: 0 }));

  return (
    <canvas
      ref={canvas}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label="Minimap"
      className="mx-auto my-2 block shrink-0 cursor-crosshair rounded border border-slate-200"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        centreOn(e);
      }}
      onPointerMove={(e) => e.buttons === 1 && centreOn(e)}
      onWheel={onWheel}
    />
  );
}

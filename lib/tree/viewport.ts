// Viewport arithmetic for the tree canvas: which part of the canvas is free (not under the side
// panel), framing a set of nodes there, and the smallest pan that brings a node into it.

/** A rectangle in flow coordinates (canvas units before zoom). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: screen = flow × zoom + (x, y), relative to the canvas's top-left. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The part of the canvas a node may be shown in, in screen pixels relative to the canvas. */
export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Lowest zoom the canvas allows: labels switch to their overview size (zoomLevel 2,
 * components/tree/tree-nodes.tsx), large enough to stay ≥ 11 px down to here.
 */
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 2;
/**
 * Semantic zoom: level 0 (from 0.85) draws every detail; levels 1 and 2 (from 0.6, from 0.4) only
 * names, larger, and domains with their overlay heat strip; level 3 (down to MIN_ZOOM) domains as
 * clusters (big name, product count, heat strip) and products as their colour. Labels are sized
 * per level (components/tree/tree-nodes.tsx) to stay at least 11 px on screen.
 */
export type ZoomLevel = 0 | 1 | 2 | 3;
export const zoomLevel = (zoom: number): ZoomLevel => (zoom >= 0.85 ? 0 : zoom >= 0.6 ? 1 : zoom >= 0.4 ? 2 : 3);
/** Zoom a focused node is shown at, at least: its labels at full size. */
export const READABLE_ZOOM = 1;

/**
 * The largest part of the canvas beside what covers it (the side panel, drawn over the canvas on
 * narrow screens): the strip left, right, above or below `cover` (canvas pixels). The whole canvas
 * when nothing covers it, or when what is left would be too small to show a node in.
 */
export function freeArea(canvas: { width: number; height: number }, cover: { left: number; top: number; right: number; bottom: number } | null): Area {
  const whole = { left: 0, top: 0, width: canvas.width, height: canvas.height };
  if (!cover || cover.right <= 0 || cover.bottom <= 0 || cover.left >= canvas.width || cover.top >= canvas.height) return whole;
  const strips: Area[] = [
    { left: 0, top: 0, width: cover.left, height: canvas.height },
    { left: cover.right, top: 0, width: canvas.width - cover.right, height: canvas.height },
    { left: 0, top: 0, width: canvas.width, height: cover.top },
    { left: 0, top: cover.bottom, width: canvas.width, height: canvas.height - cover.bottom },
  ];
  const best = strips.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  return best.width >= 120 && best.height >= 80 ? best : whole;
}

export const boundsOf = (rects: readonly Rect[]): Rect | null => {
  if (rects.length === 0) return null;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The viewport that shows `bounds` in `area` as large as fits (with `padding` px around), zoom
 * clamped to [minZoom, maxZoom]. When the clamp stops it from fitting, the top-left of the bounds
 * stays in view (a tree reads from its root), centred on whichever axis does fit.
 */
export function frame(bounds: Rect, area: Area, { minZoom = MIN_ZOOM, maxZoom = READABLE_ZOOM, padding = 24 } = {}): Viewport {
  const w = Math.max(1, area.width - 2 * padding), h = Math.max(1, area.height - 2 * padding);
  const zoom = clamp(Math.min(w / Math.max(1, bounds.width), h / Math.max(1, bounds.height)), minZoom, maxZoom);
  const offset = (size: number, room: number) => (size * zoom <= room ? (room - size * zoom) / 2 : 0);
  return {
    zoom,
    x: area.left + padding + offset(bounds.width, w) - bounds.x * zoom,
    y: area.top + padding + offset(bounds.height, h) - bounds.y * zoom,
  };
}

/** Centres `rect` in `area` at `zoom`. */
export function centre(rect: Rect, area: Area, zoom: number): Viewport {
  return {
    zoom,
    x: area.left + area.width / 2 - (rect.x + rect.width / 2) * zoom,
    y: area.top + area.height / 2 - (rect.y + rect.height / 2) * zoom,
  };
}

/**
 * The smallest pan that brings `rect` wholly inside `area` (with `margin` px), or null when it is
 * there already. A rect larger than the area is aligned on its top-left.
 */
export function reveal(rect: Rect, area: Area, view: Viewport, margin = 16): Viewport | null {
  const shift = (start: number, size: number, lo: number, hi: number) => {
    if (size > hi - lo) return lo - start;
    if (start < lo) return lo - start;
    if (start + size > hi) return hi - (start + size);
    return 0;
  };
  const sx = rect.x * view.zoom + view.x, sy = rect.y * view.zoom + view.y;
  const dx = shift(sx, rect.width * view.zoom, area.left + margin, area.left + area.width - margin);
  const dy = shift(sy, rect.height * view.zoom, area.top + margin, area.top + area.height - margin);
  if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) return null;
  return { ...view, x: view.x + dx, y: view.y + dy };
}

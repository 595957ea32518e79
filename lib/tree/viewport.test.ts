import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundsOf, centre, frame, freeArea, MIN_ZOOM, reveal, type Area, type Rect, type Viewport } from "./viewport";

const onScreen = (r: Rect, v: Viewport) => ({ left: r.x * v.zoom + v.x, top: r.y * v.zoom + v.y, right: (r.x + r.width) * v.zoom + v.x, bottom: (r.y + r.height) * v.zoom + v.y });
const inside = (r: Rect, v: Viewport, a: Area) => {
  const s = onScreen(r, v);
  const eps = 1e-6;
  return s.left >= a.left - eps && s.top >= a.top - eps && s.right <= a.left + a.width + eps && s.bottom <= a.top + a.height + eps;
};

const rect = fc.record({ x: fc.double({ min: -1e5, max: 1e5, noNaN: true }), y: fc.double({ min: -1e5, max: 1e5, noNaN: true }), width: fc.double({ min: 1, max: 400, noNaN: true }), height: fc.double({ min: 1, max: 80, noNaN: true }) });
const area = fc.record({ left: fc.constant(0), top: fc.constant(0), width: fc.double({ min: 500, max: 3000, noNaN: true }), height: fc.double({ min: 300, max: 2000, noNaN: true }) });
const viewport = fc.record({ x: fc.double({ min: -1e5, max: 1e5, noNaN: true }), y: fc.double({ min: -1e5, max: 1e5, noNaN: true }), zoom: fc.double({ min: 0.25, max: 2, noNaN: true }) });

describe("canvas viewport", () => {
  it("the free area is the largest part of the canvas beside the panel, or the whole canvas", () => {
    const canvas = { width: 1000, height: 800 };
    expect(freeArea(canvas, null)).toEqual({ left: 0, top: 0, width: 1000, height: 800 });
    // A panel over the right side, or a sheet over the lower half.
    expect(freeArea(canvas, { left: 680, top: 0, right: 1000, bottom: 800 })).toEqual({ left: 0, top: 0, width: 680, height: 800 });
    expect(freeArea(canvas, { left: 0, top: 400, right: 1000, bottom: 800 })).toEqual({ left: 0, top: 0, width: 1000, height: 400 });
    // Beside the canvas, or leaving too little: the whole canvas.
    expect(freeArea(canvas, { left: 1000, top: 0, right: 1300, bottom: 800 })).toEqual({ left: 0, top: 0, width: 1000, height: 800 });
    expect(freeArea(canvas, { left: 50, top: 0, right: 1000, bottom: 800 })).toEqual({ left: 0, top: 0, width: 1000, height: 800 });
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 1500 }), fc.integer({ min: -500, max: 1500 }), fc.nat({ max: 1500 }), fc.nat({ max: 1500 }), (left, top, w, h) => {
        const a = freeArea(canvas, { left, top, right: left + w, bottom: top + h });
        expect(a.left).toBeGreaterThanOrEqual(0);
        expect(a.top).toBeGreaterThanOrEqual(0);
        expect(a.left + a.width).toBeLessThanOrEqual(1000);
        expect(a.top + a.height).toBeLessThanOrEqual(800);
        expect(a.width * a.height).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it("reveal brings any node that fits wholly into the free area, and leaves a visible one alone", () => {
    fc.assert(
      fc.property(rect, area, viewport, (r, a, v) => {
        const fits = r.width * v.zoom <= a.width - 32 && r.height * v.zoom <= a.height - 32;
        const next = reveal(r, a, v);
        if (next === null) return inside(r, v, a);
        expect(next.zoom).toBe(v.zoom);
        return !fits || inside(r, next, a);
      }),
      { numRuns: 5000 },
    );
    const v = { x: 0, y: 0, zoom: 1 };
    expect(reveal({ x: 100, y: 100, width: 240, height: 40 }, { left: 0, top: 0, width: 800, height: 600 }, v)).toBeNull();
    // Under a panel covering x > 600: the smallest pan left, nothing vertical.
    expect(reveal({ x: 500, y: 100, width: 240, height: 40 }, { left: 0, top: 0, width: 600, height: 600 }, v)).toEqual({ x: -156, y: 0, zoom: 1 });
  });

  it("centre puts the node's middle in the middle of the free area", () => {
    fc.assert(
      fc.property(rect, area, fc.double({ min: 0.25, max: 2, noNaN: true }), (r, a, zoom) => {
        const s = onScreen(r, centre(r, a, zoom));
        expect((s.left + s.right) / 2).toBeCloseTo(a.left + a.width / 2, 3);
        expect((s.top + s.bottom) / 2).toBeCloseTo(a.top + a.height / 2, 3);
      }),
      { numRuns: 2000 },
    );
  });

  it("frame fits what fits, never zooms below the readable minimum, and keeps the top-left when it cannot fit", () => {
    const a = { left: 0, top: 0, width: 1000, height: 800 };
    const small = frame({ x: 0, y: -300, width: 900, height: 600 }, a);
    expect(inside({ x: 0, y: -300, width: 900, height: 600 }, small, a)).toBe(true);
    const tall = { x: 0, y: 0, width: 900, height: 32_000 };
    const v = frame(tall, a);
    expect(v.zoom).toBe(MIN_ZOOM);
    const s = onScreen(tall, v);
    expect(s.top).toBe(24);
    fc.assert(
      fc.property(rect, area, (r, ar) => {
        const f = frame(r, ar);
        expect(f.zoom).toBeGreaterThanOrEqual(MIN_ZOOM);
        expect(f.zoom).toBeLessThanOrEqual(1);
        expect(Number.isFinite(f.x) && Number.isFinite(f.y)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("bounds of nothing is nothing; of rects, their union", () => {
    expect(boundsOf([])).toBeNull();
    expect(boundsOf([{ x: 0, y: 0, width: 10, height: 10 }, { x: -5, y: 20, width: 10, height: 5 }])).toEqual({ x: -5, y: 0, width: 15, height: 25 });
  });
});

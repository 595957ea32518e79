import { describe, expect, it } from "vitest";
import { sideBySide } from "./side-by-side";

describe("sideBySide", () => {
  it("pairs a replaced line and keeps both sides' line numbers", () => {
    const rows = sideBySide("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(rows.map((r) => r.kind)).toEqual(["same", "changed", "same", "added"]);
    expect(rows[1]).toEqual({ kind: "changed", left: { line: 2, text: "b" }, right: { line: 2, text: "B" } });
    expect(rows[3]).toEqual({ kind: "added", left: null, right: { line: 4, text: "d" } });
  });

  it("shows a removal with nothing opposite", () => {
    const rows = sideBySide("a\nb\n", "a\n");
    expect(rows[1]).toEqual({ kind: "removed", left: { line: 2, text: "b" }, right: null });
  });
});

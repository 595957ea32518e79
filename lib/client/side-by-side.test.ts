import { describe, expect, it } from "vitest";
import { sideBySide, withContext } from "./side-by-side";

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

describe("withContext", () => {
  it("folds unchanged runs beyond the context into gaps", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n");
    const after = before.replace("l10", "L10");
    const out = withContext(sideBySide(before, after), 2);
    expect(out.map((r) => (r.kind === "gap" ? `gap${r.hidden}` : r.kind))).toEqual(["gap8", "same", "same", "changed", "same", "same", "gap7"]);
  });

  it("folds everything when nothing changed", () => {
    expect(withContext(sideBySide("a\nb\n", "a\nb\n"))).toEqual([{ kind: "gap", hidden: 2 }]);
  });
});

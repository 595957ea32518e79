import { describe, expect, it } from "vitest";
import { parseViewState, viewStateParams, type TreeViewState } from "./view-state";

describe("tree view state in the URL", () => {
  it("round-trips selection, open domains, filters, overlay and impact", () => {
    const state: TreeViewState = { selected: "p:sales-orders-1", open: ["d:sales", "d:finance"], filter: { q: "orders", compute: "snowflake", status: "violations" }, overlay: "retention", impact: "sales" };
    expect(parseViewState(new URLSearchParams(viewStateParams(state).toString()))).toEqual(state);
  });

  it("distinguishes 'nothing open' from 'default' and ignores unknown values", () => {
    expect(parseViewState(new URLSearchParams("open=")).open).toEqual([]);
    const s = parseViewState(new URLSearchParams("status=bogus&overlay=nope"));
    expect(s).toEqual({ selected: null, open: null, filter: { q: undefined, compute: undefined, status: undefined }, overlay: "status", impact: null });
  });
});

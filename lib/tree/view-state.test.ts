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

describe("a link's selection is shown", async () => {
  const { generatedTree } = await import("./generated");
  const { withSelectionShown } = await import("./view-state");
  const model = await generatedTree(4, 30);
  const domain = model.nodes.get(model.root)!.children[2];
  const product = model.nodes.get(domain)!.children[17];

  it("`?sel=` alone opens the product's domain beside the default ones", () => {
    const s = withSelectionShown(model, parseViewState(new URLSearchParams(`sel=${encodeURIComponent(product)}`)));
    expect(s.open).toContain(domain);
  });

  it("adds the domain to a link's open domains, and changes nothing when it is open or the selection is not a product", () => {
    const other = model.nodes.get(model.root)!.children[0];
    expect(withSelectionShown(model, parseViewState(new URLSearchParams(`sel=${product}&open=${other}`))).open).toEqual([other, domain]);
    const already = parseViewState(new URLSearchParams(`sel=${product}&open=${domain}`));
    expect(withSelectionShown(model, already)).toBe(already);
    const dom = parseViewState(new URLSearchParams(`sel=${domain}`));
    expect(withSelectionShown(model, dom)).toBe(dom);
    const unknown = parseViewState(new URLSearchParams(`sel=p:nope`));
    expect(withSelectionShown(model, unknown)).toBe(unknown);
  });
});

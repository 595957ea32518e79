import { describe, expect, it } from "vitest";
import type { ImpactEntry } from "../org/evaluate";
import { impactMarks as marksOf } from "../org/impact-page";
import { generatedTree } from "./generated";
import { impactMarks } from "./impact";

const entry = (kind: ImpactEntry["kind"], name: string): ImpactEntry => ({ kind, key: name, name, changedPaths: ["x"], newErrors: [] });

describe("impactMarks", async () => {
  const model = await generatedTree(3, 4);
  const [d0, d1, d2] = model.nodes.get(model.root)!.children.map((id) => model.nodes.get(id)!);
  const product = (d: typeof d0, i: number) => model.nodes.get(d.children[i])!;

  it("marks named domains and products; domains and the enterprise take their worst product's mark", () => {
    const broken = product(d0, 1);
    const marks = impactMarks(
      model,
      marksOf({
        changed: [entry("domain", d0.name), entry("product", product(d0, 0).name), entry("product", broken.name), entry("product", product(d1, 2).name)],
        broken: [entry("product", broken.name)],
        fixed: [],
      }),
    );
    expect(marks.get(broken.id)).toBe("broken");
    expect(marks.get(product(d0, 0).id)).toBe("changed");
    expect(marks.get(d0.id)).toBe("broken");
    expect(marks.get(d1.id)).toBe("changed");
    expect(marks.get(model.root)).toBe("broken");
    expect(marks.has(d2.id)).toBe(false);
    expect(marks.has(product(d0, 3).id)).toBe(false);
  });

  it("ignores names the tree does not show", () => {
    expect(impactMarks(model, marksOf({ changed: [entry("product", "no-such-product")], broken: [], fixed: [] })).size).toBe(0);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isSeq, parseDocument } from "yaml";
import { prescanYaml } from "./prescan";

const LIMITS = { maxDepth: 64, maxNodes: 100_000 };
const scan = (text: string, limits = LIMITS) => prescanYaml(text, limits);

/** The deepest nesting of collections the `yaml` library builds (shallow documents only). */
function parsedDepth(text: string): number {
  const depth = (node: unknown): number => {
    if (isSeq(node)) return 1 + Math.max(0, ...node.items.map(depth));
    if (isMap(node)) return 1 + Math.max(0, ...node.items.map((p) => Math.max(depth(p.key), depth(p.value))));
    return 0;
  };
  return depth(parseDocument(text).contents);
}

describe("prescanYaml", () => {
  // Indentation grows quadratically: 1,400 levels already make a 1 MiB document.
  it.each([
    ["indented block mappings", (n: number) => Array.from({ length: n }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " x\n"],
    ["indented block sequences", (n: number) => Array.from({ length: n }, (_, i) => `${" ".repeat(i)}-`).join("\n") + " x\n"],
    ["sequences as values at the key's indentation", (n: number) => Array.from({ length: n }, (_, i) => `${" ".repeat(i)}k:\n${" ".repeat(i)}-`).join("\n") + " x\n"],
  ])("refuses deep %s, with a position", (_, make) => {
    for (const n of [66, 1_400]) {
      const p = scan(make(n));
      expect(p?.message).toMatch(/nesting deeper than 64 levels/);
      expect(p!.line).toBeGreaterThan(1);
      expect(p!.column).toBeGreaterThan(1);
    }
  });

  it.each([
    ["compact block sequences", (n: number) => "- ".repeat(n) + "x\n"],
    ["compact mappings in sequences", (n: number) => "- k: ".repeat(n) + "x\n"],
    ["flow sequences", (n: number) => "a: " + "[".repeat(n) + "]".repeat(n) + "\n"],
    ["flow mappings", (n: number) => "a: " + "{k: ".repeat(n) + "}".repeat(n) + "\n"],
    ["flow inside block", (n: number) => "- ".repeat(n / 2) + "[".repeat(n / 2) + "]".repeat(n / 2) + "\n"],
    ["flow across lines", (n: number) => "a: [\n" + "[\n".repeat(n) + "]\n".repeat(n + 1)],
  ])("refuses deep %s at 10,000 and 50,000 levels, with a position", (_, make) => {
    for (const n of [66, 10_000, 50_000]) {
      const p = scan(make(n));
      expect(p?.message).toMatch(/nesting deeper than 64 levels/);
      expect(p!.line).toBeGreaterThanOrEqual(1);
      expect(p!.column).toBeGreaterThanOrEqual(1);
    }
  });

  it("passes real depth up to the limit", () => {
    expect(scan("- ".repeat(64) + "x\n")).toBeNull();
    expect(scan(Array.from({ length: 64 }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " x\n")).toBeNull();
    expect(scan("a: " + "[".repeat(63) + "]".repeat(63) + "\n")).toBeNull();
  });

  it("reads quotes, comments and block scalars as text", () => {
    const text = [
      `a: "${"[".repeat(100)}"`,
      `# ${"- ".repeat(100)}`,
      `b: '${"{".repeat(50)} it''s ${"[".repeat(50)}'`,
      "c: |",
      ...Array.from({ length: 100 }, (_, i) => `  ${" ".repeat(i)}- k: [`),
      "d: >-",
      `  ${"- ".repeat(100)}`,
      `e: "multi ${"[".repeat(70)}`,
      `  line ${"{".repeat(70)}"`,
      "f: it's [not flow",
      "g: x#[y",
    ].join("\n");
    expect(scan(text)).toBeNull();
    expect(parseDocument(text).errors).toEqual([]);
  });

  it("does not let a block scalar or quote hide structure the parser reads", () => {
    // A sibling key after a block scalar in a compact mapping is structure, not scalar content.
    expect(scan("- k: |\n    text\n  other:\n" + "   - ".repeat(1) + "- ".repeat(100) + "x\n")?.message).toMatch(/nesting/);
    // An apostrophe inside a plain scalar does not open a quote.
    expect(scan("a: it's\n" + "- ".repeat(100) + "x\n")?.message).toMatch(/nesting/);
    // A bracket inside a plain scalar does not open flow.
    expect(scan("a: x[\n" + "- ".repeat(100) + "x\n")?.message).toMatch(/nesting/);
    // A document marker ends an unterminated quote.
    expect(scan('a: "open\n---\n' + "- ".repeat(100) + "x\n")?.message).toMatch(/nesting/);
  });

  it("counts collection entries against the node limit", () => {
    const many = Array.from({ length: 200 }, (_, i) => `k${i}: [1, 2]`).join("\n");
    expect(scan(many, { maxDepth: 64, maxNodes: 600 })).toBeNull(); // 200 keys, 200 flow sequences, 200 commas
    expect(scan(many, { maxDepth: 64, maxNodes: 599 })?.message).toMatch(/more than 599 collection entries/);
  });

  it("never counts less than the parser nests (random block and flow documents)", { timeout: 60_000 }, () => {
    let deep = 0;
    const node: fc.Memo<string> = fc.memo((n) =>
      n <= 1
        ? fc.constantFrom("x", "'q'", '"d"', "1", "[]", "{}", "[a, b]", "{k: v}")
        : fc.oneof(
            fc.constantFrom("x", "'it''s'"),
            fc.array(node(n - 1), { minLength: 1, maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
            fc.array(node(n - 1), { minLength: 1, maxLength: 3 }).map((xs) => `{${xs.map((x, i) => `k${i}: ${x}`).join(", ")}}`),
          ),
    );
    const block = (n: number): fc.Arbitrary<string[]> =>
      n <= 0
        ? node(2).map((x) => [x])
        : fc.oneof(
            node(3).map((x) => [x]),
            fc.array(block(n - 1), { minLength: 1, maxLength: 3 }).map((items) => items.flatMap((lines) => [`- ${lines[0]}`, ...lines.slice(1).map((l) => `  ${l}`)])),
            fc.array(block(n - 1), { minLength: 1, maxLength: 3 }).chain((items) =>
              fc.constantFrom("same", "indented").map((style) =>
                items.flatMap((lines, i) =>
                  lines.length === 1 && !lines[0].startsWith("- ") && !/^\w+:/.test(lines[0])
                    ? [`k${i}: ${lines[0]}`]
                    : [`k${i}:`, ...lines.map((l) => (style === "same" && lines[0].startsWith("- ") ? l : `  ${l}`))],
                ),
              ),
            ),
          );
    fc.assert(
      fc.property(block(5), fc.integer({ min: 1, max: 12 }), (lines, limit) => {
        const text = lines.join("\n") + "\n";
        const doc = parseDocument(text);
        fc.pre(doc.errors.length === 0);
        const refused = scan(text, { maxDepth: limit, maxNodes: 100_000 });
        if (parsedDepth(text) > limit) {
          deep++;
          expect(refused, text).not.toBeNull();
        }
      }),
      { numRuns: 2000 },
    );
    expect(deep).toBeGreaterThan(200); // the property was exercised on documents over the limit
  });
});

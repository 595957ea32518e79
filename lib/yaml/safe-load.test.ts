import { describe, expect, it } from "vitest";
import { YAML_LIMITS } from "./limits";
import { safeLoadYaml } from "./safe-load";

const refusal = (text: string) => {
  const r = safeLoadYaml(text);
  expect(r.value).toBeUndefined();
  expect(r.problems.length).toBeGreaterThan(0);
  return r.problems[0];
};

describe("safeLoadYaml", () => {
  it("reads plain YAML and locates paths", () => {
    const r = safeLoadYaml("a:\n  b: [1, 2]\n  c: hello\n");
    expect(r.value).toEqual({ a: { b: [1, 2], c: "hello" } });
    expect(r.locate(["a", "c"])).toEqual({ line: 3, column: 6 });
    expect(r.locate(["a", "b", 1])).toEqual({ line: 2, column: 10 });
    // A path that does not exist points at its deepest existing ancestor.
    expect(r.locate(["a", "missing", "x"])).toEqual({ line: 2, column: 3 });
    expect(r.locateKey(["a"], "c")).toEqual({ line: 3, column: 3 });
  });

  it("reports syntax errors with line and column", () => {
    const p = refusal("a: 1\nb:\n\t- x\n");
    expect(p.kind).toBe("syntax");
    expect(p.line).toBe(3);
  });

  it("refuses duplicate keys", () => {
    const p = refusal("scope: enterprise\nplugins: {}\nscope: domain\n");
    expect(p.message).toMatch(/duplicate key/);
    expect(p.line).toBe(3);
  });

  it("refuses alias bombs without expanding them", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [n, prev] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"]]) bomb.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    const p = refusal(bomb.join("\n") + "\n");
    expect(p.message).toMatch(/alias/);
  });

  it("refuses documents over 1 MiB before parsing", () => {
    const p = refusal("k: " + "x".repeat(YAML_LIMITS.maxBytes) + "\n");
    expect(p.message).toMatch(/1 MiB/);
  });

  it("refuses deep flow nesting before parsing", () => {
    const depth = 100_000;
    const p = refusal("a: " + "[".repeat(depth) + "]".repeat(depth) + "\n");
    expect(p.message).toMatch(/nesting deeper than 64/);
    expect(p.line).toBe(1);
  });

  it("refuses deep block nesting", () => {
    const lines = Array.from({ length: 80 }, (_, i) => `${"  ".repeat(i)}k${i}:`);
    const p = refusal(lines.join("\n") + " end\n");
    expect(p.message).toMatch(/nesting deeper than 64/);
  });

  it("ignores brackets inside quotes and comments when measuring depth", () => {
    const r = safeLoadYaml(`a: "${"[".repeat(100)}"\n# ${"{".repeat(100)}\nb: '${"{".repeat(100)}'\n`);
    expect(r.problems).toEqual([]);
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses the key %s", (key) => {
    const p = refusal(`governance:\n  ${key}:\n    polluted: true\n`);
    expect(p.message).toContain(key);
    expect(p).toMatchObject({ line: 2, column: 3 });
  });
});

describe("safeLoadYaml nesting through block sequences", () => {
  it("counts sequences as nesting levels too", () => {
    const text = Array.from({ length: 70 }, (_, i) => `${"  ".repeat(i)}-`).join("\n") + " k: v\n";
    const r = safeLoadYaml(text);
    expect(r.value).toBeUndefined();
    expect(r.problems[0].message).toMatch(/nesting deeper than 64/);
  });
});

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

describe("safeLoadYaml against hostile documents (issue 12)", () => {
  it.each([10_000, 50_000])("refuses %i levels of `- - - x` before parsing", (n) => {
    const p = refusal("- ".repeat(n) + "x\n");
    expect(p).toMatchObject({ kind: "hostile", line: 1 });
    expect(p.message).toMatch(/nesting deeper than 64/);
  });

  it("checks duplicate keys with work linear in the keys (no pairwise comparison)", () => {
    // The `yaml` library's own check (uniqueKeys) runs `items.some(…)` over every earlier key of
    // the mapping for each key: 20,000 keys made 200 million comparisons. Count the callbacks
    // of every Array#some and Array#find run while loading.
    const keys = 4_000;
    const text = Array.from({ length: keys }, (_, i) => `key_${i}: ${i}`).join("\n") + "\n";
    const counted = ["some", "find", "findIndex", "filter", "every", "includes", "indexOf"] as const;
    const originals = counted.map((m) => Array.prototype[m]);
    let callbacks = 0;
    counted.forEach((m, i) => {
      (Array.prototype as any)[m] = function (this: unknown[], cb: unknown, ...rest: unknown[]) {
        if (typeof cb !== "function") {
          callbacks += this.length; // includes/indexOf scan linearly
          return (originals[i] as Function).call(this, cb, ...rest);
        }
        return (originals[i] as Function).call(this, (...a: unknown[]) => (callbacks++, (cb as Function)(...a)), ...rest);
      };
    });
    let r;
    try {
      r = safeLoadYaml(text);
    } finally {
      counted.forEach((m, i) => ((Array.prototype as any)[m] = originals[i]));
    }
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.value as object)).toHaveLength(keys);
    // Linear: resolving each plain scalar tries YAML 1.1's ~20 tags (about 30 callbacks a key).
    expect(callbacks).toBeLessThan(40 * keys);
  });

  it("finds a duplicate among 20,000 keys at its line and column", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `key_${i}: ${i}`);
    lines.push("  # a comment", "key_123: again");
    const p = refusal(lines.join("\n") + "\n");
    expect(p).toMatchObject({ message: "duplicate key: map keys must be unique", line: 20_002, column: 1 });
  });

  it("refuses keys that read as the same JS property (1 and '1')", () => {
    expect(refusal("a:\n  1: x\n  '1': y\n")).toMatchObject({ message: /duplicate key/, line: 3, column: 3 });
    expect(refusal("{a: 1, a: 2}\n")).toMatchObject({ message: /duplicate key/, line: 1, column: 8 });
  });

  it.each([
    ["__proto__.x", '"__proto__.x": {polluted: true}'],
    ["constructor.prototype.x", "constructor.prototype.x: 1"],
    ["a.__proto__", "'a.__proto__': 1"],
    ["x.prototype", "x.prototype: 1"],
    ["nested", "governance:\n  deep:\n    - k: 1\n      \"y.constructor.z\": 2"],
    ["flow", "a: [{b: {__proto__.polluted: true}}]"],
  ])("refuses a key with a dangerous segment (%s) at any depth, with its position", (_, text) => {
    const p = refusal(text + "\n");
    expect(p.kind).toBe("hostile");
    expect(p.message).toMatch(/could alter object prototypes/);
    const lines = text.split("\n");
    const last = lines.length;
    // The refused key is on the last line, at the column where it starts.
    const key = lines[last - 1].search(/["']?[\w.]*(__proto__|constructor|prototype)/);
    expect(p).toMatchObject({ line: last, column: key + 1 });
  });

  it("leaves keys that only contain the words alone", () => {
    const r = safeLoadYaml("prototype_name: a\nmy.constructors: b\nx: __proto__\n");
    expect(r.problems).toEqual([]);
  });

  it("refuses collections and aliases as keys", () => {
    expect(refusal("? [a, b]\n: 1\n").message).toMatch(/a collection as a mapping key/);
    expect(refusal("a: &k x\n*k : 1\n").message).toMatch(/an alias as a mapping key/);
  });

  it("refuses documents with more collection entries than the limit before parsing", () => {
    const p = refusal("- 1\n".repeat(YAML_LIMITS.maxNodes + 1));
    expect(p.message).toMatch(/collection entries are refused/);
    expect(p.line).toBe(YAML_LIMITS.maxNodes + 1);
  });
});

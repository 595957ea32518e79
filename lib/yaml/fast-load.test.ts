import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateOrganisation } from "../org/generate";
import fc from "fast-check";
import { fastLoadYaml, IMPLICIT_FIRST, plainMappingOf } from "./fast-load";
import { PYYAML_IMPLICIT } from "./yaml11";
import { safeLoadYaml } from "./safe-load";

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });

/** The fast reader's contract: where it reads a value, the safe reader reads the same one, without problems. */
function expectAgreement(text: string) {
  const fast = plainMappingOf(text);
  const safe = safeLoadYaml(text);
  if (fast !== undefined) {
    expect(safe.problems, text).toEqual([]);
    expect(fast, text).toEqual(safe.value);
  }
  const loaded = fastLoadYaml(text);
  expect(loaded.value, text).toEqual(safe.value);
  expect(loaded.problems, text).toEqual(safe.problems);
  return fast !== undefined;
}

describe("fastLoadYaml", () => {
  it("reads every example file as safeLoadYaml does", () => {
    const files = yamlFiles(join(__dirname, "../../examples"));
    expect(files.length).toBeGreaterThan(30);
    const fast = files.filter((f) => expectAgreement(readFileSync(f, "utf8")));
    expect(fast.length).toBeGreaterThan(files.length / 2); // the subset covers ordinary manifests and products
  });

  it("takes the fast path for generated products, with the same value and the same positions", () => {
    const products = [...generateOrganisation({ domains: 3, productsPerDomain: 40, seed: 7 })].filter((f) => f.path.endsWith("floe.yaml"));
    for (const { text } of products) expect(expectAgreement(text)).toBe(true);
    const { text } = products[0];
    const path = ["transforms", 1, "tier"];
    expect(fastLoadYaml(text).locate(path)).toEqual(safeLoadYaml(text).locate(path));
    expect(fastLoadYaml(text).locateKey(["platform"], "manifest")).toEqual(safeLoadYaml(text).locateKey(["platform"], "manifest"));
  });

  it.each([
    ["an alias", "a: &x [1, 2]\nb: *x\n"],
    ["an alias behind an apostrophe in plain text", "description: it's\nx: &a [1]\ny: *a\nz: 'q'\n"],
    ["a duplicate key", "a: 1\nb: 2\na: 3\n"],
    ["a prototype key", "__proto__: {}\n"],
    ["a tag", "a: !!str 12\n"],
    ["a block scalar", "a: |\n  text\n"],
    ["a flow mapping", "a: {b: 1}\n"],
    ["a non-finite number", "a: .inf\n"],
    ["an overflowing number", "a: 1.0e+400\n"],
    ["a null key", "~: 1\n"],
    ["a numeric key", "1: a\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["a scalar document", "just text\n"],
    ["a tab", "a:\t1\n"],
    ["an escape", 'a: "x\\ty"\n'],
    ["a syntax error", "a: [1, 2\n"],
  ])("leaves %s to safeLoadYaml", (_, text) => {
    expect(plainMappingOf(text)).toBeUndefined();
    expectAgreement(text);
  });

  it.each([
    ["a dotted __proto__ key", '"__proto__.x": {polluted: true}\n'],
    ["a dotted constructor key", "constructor.prototype.x: 1\n"],
    ["a nested dangerous key", "a:\n  b:\n    x.prototype.y: 1\n"],
    ["deep block sequences", "a:\n" + "  - ".repeat(1) + "- ".repeat(10_000) + "x\n"],
    ["deep indented mappings", Array.from({ length: 80 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " x\n"],
    ["many keys with a duplicate", Array.from({ length: 5_000 }, (_, i) => `k${i}: ${i}`).join("\n") + "\nk42: again\n"],
  ])("refuses %s exactly as safeLoadYaml does", (_, text) => {
    expect(plainMappingOf(text)).toBeUndefined();
    expectAgreement(text);
    expect(fastLoadYaml(text).problems).not.toEqual([]);
  });

  it("reports what it refuses with safeLoadYaml's problems and positions", () => {
    const loaded = fastLoadYaml("a: 1\nb: 2\na: 3\n");
    expect(loaded.value).toBeUndefined();
    expect(loaded.problems).toMatchObject([{ message: "duplicate key: map keys must be unique", line: 3, column: 1 }]);
  });

  it("agrees with safeLoadYaml on thousands of random documents, broken ones included", () => {
    let seed = 20261127;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const SCALARS = ["=", "2026-02-30", "0_", "._", "off", "On", "NO", "y", "n", "08", "1.", "1.5e+3", "1e5", ".5", "-.5e-1", "2026-06-01", "2026-6-1", "2026-06-01 10:00:00", "2026-06-01T10:00:00.5+02:00", "190:20:30", "1:30.5", "0_7", "15", "-0", "+12", "0o17", "0x1F", "0b101", "1_000", "1.5", "-.5", "1e3", ".inf", ".NaN", "~", "null", "", "true", "False", "yes", "0777", "1.0.0", "2024-01-01", "12:30", "'15'", '"true"', "it's", "a # c", "a#b", "x: y", "- z", "[1, 'a', b]", "[]", "oci://r.example/f/d:1.0.0", "a@b.example", "'it''s'", "\"a: b\"", "&a x", "*a", "!t x", "> x", "| x", "{a: 1}", "? x", "%x", "`x`", "a -b", "'open"];
    const KEYS = ["name", "tier", "compute", "version", "a_b", "x-y", "true", "1", "~", "a b", "\"q\"", "k", "on", "no", "y"];
    const doc = (depth: number, indent: string): string => {
      let out = "";
      const n = 1 + Math.floor(random() * 4);
      for (let i = 0; i < n; i++) {
        const roll = random();
        const pad = random() < 0.05 ? indent + " " : indent; // sometimes misindented
        if (roll < 0.25 && depth < 3) out += `${pad}${pick(KEYS)}:\n${doc(depth + 1, indent + "  ")}`;
        else if (roll < 0.4 && depth < 3) out += `${pad}${pick(KEYS)}:\n${indent}  - ${pick(SCALARS)}\n${indent}  - ${pick(SCALARS)}\n`;
        else out += `${pad}${pick(KEYS)}: ${pick(SCALARS)}${random() < 0.1 ? " # note" : ""}\n`;
      }
      return out;
    };
    let fast = 0;
    for (let i = 0; i < 3000; i++) if (expectAgreement(doc(0, ""))) fast++;
    expect(fast).toBeGreaterThan(300); // the comparison ran on the fast path often enough to mean something
  }, 60_000);
});

describe("the first-character filter of implicit scalars", () => {
  it("turns away only text no PyYAML implicit pattern reads (property)", () => {
    // Strings shaped like numbers, dates, words and times, with any first character.
    const tail = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[-+.:0-9_eExob TZ]{0,12}$/), fc.constantFrom("ull", "ULL", "es", "rue", "RUE", "n", "N", "ff", "FF", "inf", "nan", "NaN", "026-06-01", "0:30", ""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 1, maxLength: 1, unit: "binary" }), fc.constantFrom(..."~nNyYtTfFoO-+.0123456789=<aZ_ \t\u212a")), tail, (first, rest) => {
        const s = first + rest;
        if (!IMPLICIT_FIRST.has(s[0])) expect(PYYAML_IMPLICIT.filter((f) => f.test.test(s)).map((f) => f.tag), s).toEqual([]);
      }),
      { numRuns: 20_000 },
    );
    // Every pattern can start with each character it is listed for, and with no other (the list is not wider than needed).
    for (const c of IMPLICIT_FIRST) expect(PYYAML_IMPLICIT.some((f) => [c, `${c}0`, `${c}1`, `${c}ull`, `${c}rue`, `${c}alse`, `${c}es`, `${c}o`, `${c}n`, `${c}ff`, `${c}inf`, `${c}5`].some((x) => f.test.test(x))), c).toBe(true);
  });
});

describe("YAML 1.1 as floe reads it (PyYAML)", () => {
  it.each([
    ["off", false], ["On", true], ["YES", true], ["no", false], ["y", "y"], ["n", "n"],
    ["1e5", "1e5"], ["1.0e+5", 100000], ["1.5", 1.5], [".5", 0.5], ["-.5", "-.5"], ["09", "09"], ["010", 8], ["0x1F", 31], ["1_000", 1000],
    ["190:20:30", 685230], ["0o17", "0o17"], ["~", null], ["", null],
    ["2026-06-01", new Date(Date.UTC(2026, 5, 1))], ["2026-6-1", "2026-6-1"], ["2026-06-01 10:00:00+02:00", new Date(Date.UTC(2026, 5, 1, 8))],
    ['"off"', "off"], ["'2026-06-01'", "2026-06-01"], ["0_", 0], ["._", "._"], [".5_0", 0.5],
  ])("reads `a: %s` the way PyYAML does, in both readers", (scalar, expected) => {
    const text = `a: ${scalar}\n`;
    expect(safeLoadYaml(text).value).toEqual({ a: expected });
    expect(fastLoadYaml(text).value).toEqual({ a: expected });
  });

  it.each([["an impossible date", "2026-13-45"], ["a plain = (PyYAML's !!value)", "="]])("refuses %s, as PyYAML does, in both readers", (_, scalar) => {
    const text = `a: ${scalar}\n`;
    expect(safeLoadYaml(text).problems).toHaveLength(1);
    expect(fastLoadYaml(text).problems).toEqual(safeLoadYaml(text).problems);
  });
});

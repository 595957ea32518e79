// What the console writes, floe reads back unchanged: stringify with YAML 1.1 scalars, then read
// the way floe does (PyYAML's resolution, lib/yaml/yaml11.ts), through both readers. Generated
// values lean on the strings YAML 1.1 reads as something else (off/on/yes/no/null/~, numbers and
// dates as text). A failure prints fast-check's seed and path.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { readYamlIn, writeYamlIn } from "./edit";
import { parseManifest } from "../manifest/parse";
import { fastLoadYaml } from "./fast-load";
import { safeLoadYaml } from "./safe-load";
import { YAML11 } from "./yaml11";

const TRICKY = [
  "off", "Off", "OFF", "on", "ON", "yes", "Yes", "no", "NO", "y", "n", "true", "False", "null", "Null", "~", "", " ",
  "0", "00", "0755", "08", "0x1F", "0b101", "0o17", "1_000", "90", "-1", "+1", "1.5", ".5", "-.5", "1.", "1e5", "1.0e+5", ".inf", ".NaN",
  "190:20:30", "1:30", "2026-06-01", "2026-6-1", "2026-06-01 10:00:00", "2026-06-01T10:00:00Z", "=", "<<", "1.0.0", "v1",
  "- x", "a: b", "#x", "x #y", "[a]", "{a: 1}", "&a", "*a", "!t", "|", ">", "'q'", '"q"', "%x", "@x", "`x`", "?", "a\nb", "tab\there",
];

const trickyString = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 12 }), fc.stringMatching(/^[-+.:0-9_eExob]{1,8}$/));
const key = fc.oneof(fc.constantFrom("name", "type", "governance", "off", "yes", "no", "on", "null", "1", "2026-06-01", "1e5", "a b", "x-y"), fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/));
const dateOnly = fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2200, 0, 1) / 86_400_000 }).map((d) => new Date(d * 86_400_000));
const scalar = fc.oneof(
  trickyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)),
  fc.boolean(),
  fc.constant(null),
  dateOnly,
);
/** A document: a mapping of scalars, lists and mappings, a few levels deep. */
const { map: value } = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("list"), tie("map")),
  list: fc.array(tie("node"), { maxLength: 4 }),
  map: fc.dictionary(key, tie("node"), { maxKeys: 5 }),
}));

describe("YAML 1.1 round trip (console writes, floe reads)", { timeout: 120_000 }, () => {
  it("stringify then read as PyYAML gives back the same value, in both readers", () => {
    fc.assert(
      fc.property(value, (doc) => {
        const text = stringify(doc, YAML11);
        const safe = safeLoadYaml(text);
        expect(safe.problems, text).toEqual([]);
        expect(safe.value, text).toEqual(doc);
        expect(fastLoadYaml(text).value, text).toEqual(doc);
      }),
      { numRuns: 3000 },
    );
  });

  it("a form edit of any string value is read back as that string", () => {
    const base = "# draft\ngovernance:\n  policy_enforcement_level: warn  # floor\n";
    fc.assert(
      fc.property(fc.constantFrom<readonly (string | number)[]>(["governance", "policy_enforcement_level"], ["governance", "naming", "enforcement"], ["metadata", "description"]), trickyString, (path, v) => {
        const out = writeYamlIn(base, path, v)!;
        expect(readYamlIn(out, path), out).toBe(v);
        let at: unknown = safeLoadYaml(out).value;
        for (const p of path) at = (at as Record<string | number, unknown>)[p];
        expect(at, out).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it("a generated manifest keeps every enforcement level and description as text", () => {
    const level = fc.constantFrom("off", "warn", "strict");
    fc.assert(
      fc.property(level, level, level, trickyString.filter((s) => s.length <= 500), (policy, naming, contracts, description) => {
        const manifest = {
          apiVersion: "floe.dev/v1",
          kind: "Manifest",
          metadata: { name: "acme", version: "1.0.0", owner: "platform", description },
          plugins: { compute: { type: "duckdb" } },
          governance: { policy_enforcement_level: policy, naming: { enforcement: naming }, data_contracts: { enforcement: contracts } },
        };
        const parsed = parseManifest(stringify(manifest, YAML11), "acme.yaml");
        expect(parsed.violations.filter((v) => v.severity === "error")).toEqual([]);
        expect(parsed.manifest).toMatchObject(manifest);
      }),
      { numRuns: 1000 },
    );
  });
});

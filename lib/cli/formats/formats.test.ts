import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Ajv from "ajv-draft-04";
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../../test/support/examples";
import { directorySource, productFiles, registryFiles, registryRefs } from "../../node/org-dir";
import { checkOrganisation } from "../../org/check";
import { ManifestStore } from "../../resolve/store";
import { VIOLATION_CODES, type Violation } from "../../violations";
import { toJunit } from "./junit";
import { toSarif } from "./sarif";

// The OASIS SARIF 2.1.0 schema (sarif-spec, sarif-2.1/schema), draft-04 like the original.
const schema = JSON.parse(readFileSync(join(EXAMPLES, "../test/fixtures/sarif/sarif-schema-2.1.0.json"), "utf8"));
const validateSarif = new Ajv({ allErrors: true, strict: false }).compile(schema);
const expectValidSarif = (log: unknown) => {
  // Round-trip through JSON: what CI reads is the printed text.
  const ok = validateSarif(JSON.parse(JSON.stringify(log)));
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
};

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testcase" });
const expectValidJunit = (text: string) => {
  expect(XMLValidator.validate(text)).toBe(true);
  return xmlParser.parse(text).testsuites;
};

async function checkExample(dir: string) {
  const files = productFiles(dir);
  const result = await checkOrganisation(registryRefs(dir), files.map((file) => ({ file: relative(process.cwd(), file), text: readFileSync(file, "utf8") })), new ManifestStore(directorySource(join(dir, "registry"))));
  return { result, files: [...registryFiles(dir), ...files].map((f) => relative(process.cwd(), f)) };
}

const broken = readdirSync(join(EXAMPLES, "broken"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe("mesh check --format sarif|junit", () => {
  it.each(broken)("examples/broken/%s: SARIF valid against the 2.1.0 schema, each finding at file, line, column, rule, level", async (code) => {
    const { result, files } = await checkExample(join(EXAMPLES, "broken", code));
    expect(result.violations.some((v) => v.code === code)).toBe(true);
    const log = toSarif(result.violations);
    expectValidSarif(log);
    const results = log.runs[0].results!;
    expect(results).toHaveLength(result.violations.length);
    results.forEach((r, i) => {
      const v = result.violations[i];
      expect(r).toMatchObject({ ruleId: v.code, level: v.severity, locations: [{ physicalLocation: { artifactLocation: { uri: v.file }, region: { startLine: v.line, startColumn: v.column } } }] });
      expect(log.runs[0].tool.driver.rules![r.ruleIndex!].id).toBe(v.code);
    });
    // JUnit: one case per file; a failing case carries every error at FILE:LINE:COL.
    const suites = expectValidJunit(toJunit(files, result.violations));
    const cases = suites.testsuite.testcase as { name: string; failure?: { "#text": string; type: string } }[];
    expect(cases.map((c) => c.name)).toEqual([...new Set([...files, ...result.violations.map((v) => v.file)])]);
    for (const v of result.violations.filter((x) => x.severity === "error")) {
      expect(cases.find((c) => c.name === v.file)?.failure?.["#text"]).toContain(`${v.file}:${v.line}:${v.column}: error ${v.code}:`);
    }
    expect(Number(suites.failures)).toBe(cases.filter((c) => c.failure).length);
  });

  it("examples/acme: no results, every file a passing case", async () => {
    const { result, files } = await checkExample(join(EXAMPLES, "acme"));
    expectValidSarif(toSarif(result.violations));
    expect(toSarif(result.violations).runs[0].results).toEqual([]);
    const suites = expectValidJunit(toJunit(files, result.violations));
    expect(suites).toMatchObject({ tests: String(files.length), failures: "0" });
  });

  it("any violations, hostile text included, give schema-valid SARIF and well-formed JUnit (property)", () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("<![CDATA[", "]]>", "&amp;", "\u0000\u0008\uFFFE", "\uD800", "a|b`c", "../../etc/passwd", "C:\\x\\y.yaml", "oci://r.example/floe/x:1.0.0"));
    const violation: fc.Arbitrary<Violation> = fc.record({
      code: fc.constantFrom(...VIOLATION_CODES),
      severity: fc.constantFrom("error" as const, "warning" as const),
      path: text,
      tier: fc.constantFrom(null, "enterprise" as const, "domain" as const, "product" as const),
      ref: fc.constant(null),
      file: text.filter((s) => s.length > 0),
      message: text,
      line: fc.nat(100_000),
      column: fc.nat(1000),
    });
    fc.assert(
      fc.property(fc.array(violation, { maxLength: 8 }), fc.array(text, { maxLength: 3 }), (vs, files) => {
        expectValidSarif(toSarif(vs));
        const suites = expectValidJunit(toJunit(files, vs));
        expect(Number(suites.tests)).toBe(new Set([...files, ...vs.map((v) => v.file)]).size);
        expect(Number(suites.failures)).toBe(new Set(vs.filter((v) => v.severity === "error").map((v) => v.file)).size);
      }),
      { numRuns: 2000 },
    );
  });
});

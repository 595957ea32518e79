import { formatViolation, type Violation } from "../../violations";

/** XML 1.0 text: the five entities escaped, characters XML cannot carry dropped. */
const xml = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/**
 * Violations as JUnit XML: one test case per checked file (manifest or floe.yaml), failing with
 * every error at FILE:LINE:COL; warnings go to the case's output. `files` lists every file checked,
 * so clean files show as passing cases; files only named by violations are added.
 */
export function toJunit(files: readonly string[], violations: readonly Violation[], suite = "mesh check"): string {
  const byFile = new Map<string, Violation[]>(files.map((f) => [f, []]));
  for (const v of violations) {
    const list = byFile.get(v.file);
    if (list) list.push(v);
    else byFile.set(v.file, [v]);
  }
  const cases: string[] = [];
  let failures = 0;
  for (const [file, vs] of byFile) {
    const errors = vs.filter((v) => v.severity === "error");
    const warnings = vs.filter((v) => v.severity !== "error");
    const body: string[] = [];
    if (errors.length) {
      failures++;
      const first = errors[0];
      body.push(`      <failure message="${xml(`${first.file}:${first.line}:${first.column}: ${first.code}: ${first.message}`)}" type="${xml(first.code)}">${xml(errors.map(formatViolation).join("\n"))}</failure>`);
    }
    if (warnings.length) body.push(`      <system-out>${xml(warnings.map(formatViolation).join("\n"))}</system-out>`);
    const open = `    <testcase classname="mesh.check" name="${xml(file)}" file="${xml(file)}"`;
    cases.push(body.length ? `${open}>\n${body.join("\n")}\n    </testcase>` : `${open}/>`);
  }
  const counts = `tests="${byFile.size}" failures="${failures}" errors="0"`;
  return [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="${xml(suite)}" ${counts}>`, `  <testsuite name="${xml(suite)}" ${counts} skipped="0">`, ...cases, "  </testsuite>", "</testsuites>", ""].join("\n");
}

// floe-core's own verdicts (test/fixtures/floe-conformance-cases.json, measured on floe-core's
// pydantic models with YAML read by PyYAML) against the console's: every schema case agrees on
// accept/refuse and on the field refused, or is listed with its reason in docs/floe-compat.md
// under "Intended differences (schema)". Listed cases floe refuses must still get a FLOE_COMPAT
// warning here: the console is never silently looser than floe.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseManifest, parseProduct } from "./parse";

interface SchemaCase {
  id: string;
  kind: "manifest" | "product";
  note: string;
  yaml: string;
  floe: { accepts: boolean; errors: string[] };
}

const root = join(__dirname, "../..");
const cases = (JSON.parse(readFileSync(join(root, "test/fixtures/floe-conformance-cases.json"), "utf8")) as { schema_cases: SchemaCase[] }).schema_cases;

/** Case ids listed in docs/floe-compat.md under "Intended differences (schema)", with their reasons. */
function intendedDifferences(): Map<string, string> {
  const doc = readFileSync(join(root, "docs/floe-compat.md"), "utf8");
  const section = doc.split(/^## /m).find((s) => s.startsWith("Intended differences (schema)")) ?? "";
  const listed = new Map<string, string>();
  for (const m of section.matchAll(/^- \*\*([A-Z]\d+[a-z]?-[\w-]+)\*\*[:.]?\s*(.+)$/gm)) listed.set(m[1], m[2]);
  return listed;
}

/** floe's message starts with the dotted field path it rejects (`…severity_weights.fatal.[key]` names a key). */
const floePath = (error: string) => error.slice(0, error.indexOf(":")).replace(/\.\[key\]$/, "");

function consoleVerdict(c: SchemaCase) {
  const parsed = c.kind === "manifest" ? parseManifest(c.yaml, `${c.id}.yaml`) : parseProduct(c.yaml, `${c.id}/floe.yaml`);
  const errors = parsed.violations.filter((v) => v.severity === "error");
  return { accepts: errors.length === 0, errors, warnings: parsed.violations.filter((v) => v.code === "FLOE_COMPAT") };
}

describe("floe conformance: schema cases", () => {
  const listed = intendedDifferences();

  it("has the cases, and lists only cases that exist", () => {
    expect(cases.length).toBeGreaterThan(50);
    for (const id of listed.keys()) expect(cases.map((c) => c.id), `docs/floe-compat.md lists ${id}`).toContain(id);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_, c) => {
    const verdict = consoleVerdict(c);
    const agreesOnVerdict = verdict.accepts === c.floe.accepts;
    const missingPaths = c.floe.errors
      .map(floePath)
      .filter((p) => p !== "" && !verdict.errors.some((e) => e.path === p || e.path.startsWith(`${p}.`)));
    if (agreesOnVerdict && missingPaths.length === 0) {
      expect(listed.has(c.id), `${c.id} agrees with floe: remove it from docs/floe-compat.md`).toBe(false);
      return;
    }
    // A difference: it must be documented, and where floe refuses, the console must say something.
    expect(listed.get(c.id), `${c.id}: console ${JSON.stringify(verdict.errors.map((e) => `${e.path}: ${e.message}`))} vs floe ${JSON.stringify(c.floe)}`).toBeTruthy();
    if (!c.floe.accepts && verdict.accepts) expect(verdict.warnings.length, `${c.id}: looser than floe without a warning`).toBeGreaterThan(0);
  });
});

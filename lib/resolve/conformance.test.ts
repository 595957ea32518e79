import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManifestStore } from "./store";

/**
 * floe-core's own verdicts on enterprise → domain pairs (test/fixtures/floe-conformance-README.md). The console
 * agrees with each, or the case is listed in docs/floe-compat.md as an intended difference, and then the console
 * is the stricter one.
 */
interface ChainCase {
  id: string;
  note: string;
  enterprise: string;
  domain: string;
  floe: { schema_errors: string[]; inheritance_errors: string[] };
}

const ROOT = join(__dirname, "..", "..");
const cases = (JSON.parse(readFileSync(join(ROOT, "test/fixtures/floe-conformance-cases.json"), "utf8")) as { chain_cases: ChainCase[] }).chain_cases;

/** The case ids listed under "Intended differences (chains)" in docs/floe-compat.md. */
function intendedDifferences(): Set<string> {
  const doc = readFileSync(join(ROOT, "docs/floe-compat.md"), "utf8");
  const section = doc.split(/^## /m).find((s) => s.startsWith("Intended differences (chains)")) ?? "";
  return new Set([...section.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]));
}

/** The field a floe message names: `'naming.enforcement'`, `data_retention_days`, a whitelist category, a scope rule. */
function floeField(message: string): string {
  const m =
    /security policy '([^']+)'/.exec(message)?.[1] ??
    /Cannot weaken (\w+) from/.exec(message)?.[1] ??
    (/for category '(\w+)'/.exec(message) ? `plugins.${/for category '(\w+)'/.exec(message)![1]}` : undefined) ??
    /(\w+) is only valid for scope/.exec(message)?.[1];
  if (!m) throw new Error(`no field in floe message: ${message}`);
  return m;
}

const ENT = "oci://r/floe/ent:1.0.0";
const DOM = "oci://r/floe/dom:1.0.0";

async function consoleErrors(c: ChainCase) {
  const store = new ManifestStore((ref) => (ref === ENT ? { text: c.enterprise, file: "enterprise.yaml" } : ref === DOM ? { text: c.domain, file: "domain.yaml" } : null));
  const platform = await store.platform(DOM);
  // E201 (a chain without an orchestrator) is floe compile's, not part of the chain check these verdicts come from.
  return platform!.violations.filter((v) => v.severity === "error" && v.code !== "REQUIRED_PLUGIN_MISSING");
}

describe("floe-core conformance: enterprise → domain chains", () => {
  const intended = intendedDifferences();

  it("has cases, and every listed difference names a real case", () => {
    expect(cases.length).toBeGreaterThan(10);
    for (const id of intended) expect(cases.map((c) => c.id)).toContain(id);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", async (id, c) => {
    const errors = await consoleErrors(c);
    const floeErrors = [...c.floe.schema_errors, ...c.floe.inheritance_errors];
    const floeRejects = floeErrors.length > 0;
    if (intended.has(id)) {
      // An intended difference is always the console being stricter, never looser.
      expect(floeRejects, `${id} is listed as intended but floe rejects it too`).toBe(false);
      expect(errors.map((v) => v.code), `${id}: the console must refuse what docs/floe-compat.md says it refuses`).not.toEqual([]);
      return;
    }
    expect(errors.length > 0, `${id} (${c.note}): console ${errors.length ? "rejects" : "accepts"}, floe ${floeRejects ? "rejects" : "accepts"}: ${errors.map((v) => `${v.code} ${v.path}: ${v.message}`).join("; ")}`).toBe(floeRejects);
    for (const message of floeErrors) {
      const field = floeField(message);
      const paths = errors.map((v) => v.path);
      expect(
        paths.some((p) => p === field || p.endsWith(`.${field}`) || p.startsWith(`${field}.`)),
        `${id}: floe names '${field}', the console ${paths.join(", ")}`,
      ).toBe(true);
    }
  });
});

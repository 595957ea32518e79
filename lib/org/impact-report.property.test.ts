import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { YAML11 } from "../yaml/yaml11";
import { evaluateOrg } from "./evaluate";
import { generateOrganisation, type GeneratedFile } from "./generate";
import { formatImpact, IMPACT_FORMATS } from "./impact-format";
import { impactReport, type ImpactReport } from "./impact-report";

/** A generated organisation as evaluation input, products keyed by folder as `mesh impact` keys them. */
const inputOf = (files: GeneratedFile[]) => {
  const manifests = files.filter((f) => f.path.startsWith("registry/")).map((f) => ({ ref: `oci://${f.path.slice("registry/".length).replace(/\/([^/]+)\.yaml$/, ":$1")}`, text: f.text, file: f.path }));
  const products = files.filter((f) => f.path.startsWith("products/")).map((f) => ({ id: f.path.slice("products/".length, -"/floe.yaml".length), text: f.text, file: f.path }));
  return { manifests, products };
};
const report = async (before: GeneratedFile[], after: GeneratedFile[]) => impactReport(await evaluateOrg(inputOf(before), { followLatest: true }), await evaluateOrg(inputOf(after), { followLatest: true }));
const empty = (r: ImpactReport) => r.broken.length + r.changed.length + r.fixed.length + r.removed.length === 0;

const org = fc.record({ domains: fc.integer({ min: 1, max: 11 }), productsPerDomain: fc.integer({ min: 0, max: 2 }), seed: fc.nat() }).map((o) => [...generateOrganisation(o)]);

/** Hostile extra files: arbitrary text, and YAML with prototype-ish keys, nulls, empty mappings. */
const hostileKey = fc.constantFrom("__proto__", "constructor", "prototype", "platform", "metadata", "governance", "", "a.b");
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.constant(null), fc.constant({}), fc.string(), fc.integer(), fc.dictionary(hostileKey, tie("value"), { maxKeys: 4 })),
})).value;
const hostileFile = fc.oneof(
  fc.string({ maxLength: 200 }),
  hostileValue.map((v) => JSON.stringify(v)),
  fc.constant("apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata: {name: ghost, version: 1.0.0}\nplatform: {manifest: 'oci://registry.acme.example/floe/nowhere:1.0.0'}\n"),
);

/** A domain manifest made stricter: retention raised within the ceiling, enforcement strict, coverage raised. */
function tighten(text: string, raiseBy: number, coverage: number): string {
  const doc = parseDocument(text, YAML11);
  const current = Number(doc.getIn(["governance", "data_retention_days"]) ?? 30);
  doc.setIn(["governance", "data_retention_days"], Math.min(2555, Math.max(current, 30) + raiseBy));
  doc.setIn(["governance", "policy_enforcement_level"], "strict");
  doc.setIn(["governance", "quality_gates", "minimum_test_coverage"], coverage);
  return doc.toString();
}

// Each run evaluates two whole organisations; 500 runs each keep the file near 30 s on a busy 2-core machine.
describe("mesh impact's report (property)", { timeout: 180_000 }, () => {
  it("is empty for identical trees, hostile files included, in every format", async () => {
    await fc.assert(
      fc.asyncProperty(org, fc.array(hostileFile, { maxLength: 3 }), async (files, extra) => {
        const all = [...files, ...extra.map((text, i) => ({ path: `products/zz-hostile/${i}/floe.yaml`, text }))];
        const r = await report(all, all.map((f) => ({ ...f })));
        expect(empty(r)).toBe(true);
        for (const format of IMPACT_FORMATS) expect(formatImpact(r, format)).not.toMatch(/would break:|Would break|"broken":\[\{/);
      }),
      { numRuns: 500 },
    );
  });

  it("a domain that only tightens its own policy never breaks anything, and every listed value really moves", async () => {
    await fc.assert(
      fc.asyncProperty(org, fc.nat(), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 70, max: 100 }), async (files, pick, raiseBy, coverage) => {
        const domains = files.filter((f) => /^registry\/.*\/floe\/(?!acme-enterprise\/)[^/]+\/1\.0\.0\.yaml$/.test(f.path));
        const target = domains[pick % domains.length];
        const after = files.map((f) => (f === target ? { ...f, text: tighten(f.text, raiseBy, coverage) } : f));
        const r = await report(files, after);
        expect(r.broken).toEqual([]);
        expect(r.removed).toEqual([]);
        for (const e of r.changed) for (const v of e.values) expect(JSON.stringify(v.after)).not.toBe(JSON.stringify(v.before));
        // Only the tightened domain and its products move.
        const name = parseDocument(target.text).getIn(["metadata", "name"]) as string;
        for (const e of r.changed) expect(e.kind === "domain" ? e.name : e.key.split("/")[0]).toBe(name);
      }),
      { numRuns: 500 },
    );
  });
});

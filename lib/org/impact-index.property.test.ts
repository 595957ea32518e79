import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { isError, type Violation } from "../violations";
import { evaluateOrg, impactOf, type Impact, type ImpactEntry, type OrgEvaluation, type OrgInput } from "./evaluate";
import { decodeCursor, impactGroups, impactMarks, impactPage, pagedImpact } from "./impact-page";

/**
 * Differential property test of the indexed impact: an edit evaluated on top of the current tree
 * (`evaluateOrg(…, {base})`: reused chains, reused resolutions, findings carried over when the
 * product rules read the same inputs) and compared by impactOf's shortcuts (skipped identical
 * resolutions, one diff per platform and owned-field set, shared chain errors) must give exactly the
 * verdicts of evaluating everything again and comparing every product's merged configuration.
 * Generated organisations include broken chains (missing, non-enterprise and cyclic parents),
 * products naming the enterprise or nothing, empty mappings, nulls and hostile keys.
 * A failure prints fast-check's seed and path, so it can be replayed.
 */

const HOST = "r.example/floe";
const ref = (name: string, version: string) => `oci://${HOST}/${name}:${version}`;
const COMPUTE = ["duckdb", "snowflake", "databricks"];
const SINKS = ["s3", "kafka", "bigquery"];

const subset = <T>(xs: readonly T[]) => fc.subarray([...xs]);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A mapping that may come out empty, null, or with a key the reader refuses. */
const hostile = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, fc.constant({}), fc.constant(null), fc.constant({ __proto__x: 1 }), fc.constant({ "constructor.x": 1 }));

const governance = fc.record(
  {
    data_retention_days: fc.constantFrom(7, 30, 45, 90, 365),
    policy_enforcement_level: fc.constantFrom("off", "warn", "strict"),
    pii_encryption: fc.constantFrom("required", "optional"),
    audit_logging: fc.constantFrom("enabled", "disabled"),
  },
  { requiredKeys: [] },
);

const enterpriseFields = {
  approved: maybe(hostile(fc.record({ compute: subset(COMPUTE), orchestrator: fc.constant(["dagster"]) }, { requiredKeys: [] }))),
  sinks: maybe(fc.option(subset(SINKS), { nil: null })),
  compute: maybe(fc.constantFrom(...COMPUTE, "spark")),
  orchestrator: fc.boolean(),
  governance: maybe(hostile(governance)),
  maxRetention: maybe(fc.constantFrom(60, 400, 2555)),
  // A field products own too (manifests are loose objects): products that set it keep theirs, the rest inherit it.
  schedule: maybe(fc.constantFrom("0 * * * *", "5 4 * * *")),
};
const enterpriseDoc = fc.record(enterpriseFields);
/** An edit changes a few fields and keeps the rest (a whole new manifest would rarely keep a chain's other inputs). */
const enterpriseEdit = fc.record(enterpriseFields, { requiredKeys: [] });

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function enterpriseText(e: Generated<typeof enterpriseDoc>, version: string): string {
  const doc: Record<string, unknown> = {
    apiVersion: "floe.dev/v1",
    kind: "Manifest",
    metadata: { name: "ent", version, owner: "cto@acme.example" },
    scope: "enterprise",
  };
  if (e.approved !== undefined) doc.approved_plugins = e.approved;
  if (e.sinks !== undefined) doc.approved_sinks = e.sinks;
  const plugins: Record<string, unknown> = {};
  if (e.compute) plugins.compute = { type: e.compute };
  if (e.orchestrator) plugins.orchestrator = { type: "dagster" };
  doc.plugins = plugins;
  if (e.governance !== undefined) doc.governance = e.governance;
  if (e.maxRetention) doc.governance_bounds = { data_retention_days: { max: e.maxRetention } };
  if (e.schedule) doc.schedule = { cron: e.schedule };
  return stringify(doc);
}

const domainFields = (domains: number, products: number) => ({
  parent: fc.constantFrom("enterprise", "enterprise", "enterprise", "missing", "none", "domain"),
  parentDomain: fc.nat(domains - 1),
  compute: maybe(fc.constantFrom(...COMPUTE, "spark")),
  governance: maybe(hostile(governance)),
  approved: fc.subarray(Array.from({ length: products }, (_, i) => `p${i}`)),
  telemetry: fc.boolean(),
  schedule: maybe(fc.constantFrom("0 * * * *", "9 9 * * *")),
});
const domainDoc = (domains: number, products: number) => fc.record(domainFields(domains, products));
const domainEdit = (domains: number, products: number) => fc.record(domainFields(domains, products), { requiredKeys: [] });

function domainText(name: string, d: Generated<ReturnType<typeof domainDoc>>, version: string): string {
  const doc: Record<string, unknown> = {
    apiVersion: "floe.dev/v1",
    kind: "Manifest",
    metadata: { name, version, owner: `${name}@acme.example` },
    scope: "domain",
  };
  if (d.parent === "enterprise") doc.parent_manifest = ref("ent", "1.0.0");
  if (d.parent === "missing") doc.parent_manifest = ref("gone", "1.0.0");
  if (d.parent === "domain") doc.parent_manifest = ref(`d${d.parentDomain}`, "1.0.0");
  const plugins: Record<string, unknown> = {};
  if (d.compute) plugins.compute = { type: d.compute };
  if (d.telemetry) plugins.telemetry_backend = { type: "jaeger" };
  if (Object.keys(plugins).length) doc.plugins = plugins;
  if (d.governance !== undefined) doc.governance = d.governance;
  doc.approved_products = d.approved;
  if (d.schedule) doc.schedule = { cron: d.schedule };
  return stringify(doc);
}

const productDoc = (domains: number) =>
  fc.record({
    platform: fc.constantFrom("domain", "domain", "domain", "enterprise", "none", "missing"),
    domain: fc.nat(domains - 1),
    computes: fc.array(maybe(fc.constantFrom(...COMPUTE, "spark")), { minLength: 1, maxLength: 3 }),
    sinks: maybe(fc.array(fc.constantFrom(...SINKS, "ftp"), { maxLength: 2 })),
    schedule: fc.boolean(),
    garbage: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
  });

function productText(name: string, p: Generated<ReturnType<typeof productDoc>>): string {
  if (p.garbage) return `apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata: {name: ${name}\n`;
  const doc: Record<string, unknown> = {
    apiVersion: "floe.dev/v1",
    kind: "FloeSpec",
    metadata: { name, version: "1.0.0", owner: "team@acme.example" },
  };
  if (p.platform === "domain") doc.platform = { manifest: ref(`d${p.domain}`, "1.0.0") };
  if (p.platform === "enterprise") doc.platform = { manifest: ref("ent", "1.0.0") };
  if (p.platform === "missing") doc.platform = { manifest: ref("gone", "1.0.0") };
  doc.transforms = p.computes.map((c, i) => ({ name: `t${i}`, tier: "bronze", ...(c ? { compute: c } : {}) }));
  if (p.sinks) doc.destinations = p.sinks.map((s, i) => ({ name: `out${i}`, sink_type: s, connection_secret_ref: "sink-creds" }));
  if (p.schedule) doc.schedule = { cron: "0 * * * *" };
  return stringify(doc);
}

/** An organisation and one edit of it: new versions of some manifests (published as 2.0.0), maybe some products' texts. */
const scenario = fc
  .record({ domains: fc.integer({ min: 1, max: 4 }), products: fc.integer({ min: 0, max: 8 }) })
  .chain(({ domains, products }) =>
    fc.record({
      domains: fc.constant(domains),
      enterprise: enterpriseDoc,
      domainDocs: fc.array(domainDoc(domains, products), { minLength: domains, maxLength: domains }),
      productDocs: fc.array(productDoc(domains), { minLength: products, maxLength: products }),
      editEnterprise: maybe(enterpriseEdit),
      editDomains: fc.array(fc.tuple(fc.nat(domains - 1), domainEdit(domains, products)), { maxLength: 2 }),
      editProducts: fc.array(fc.tuple(fc.nat(Math.max(0, products - 1)), productDoc(domains)), { maxLength: products ? 2 : 0 }),
    }),
  );

function inputsOf(s: Generated<typeof scenario>, run: number): { before: OrgInput; after: OrgInput } {
  const manifests = [{ ref: ref("ent", "1.0.0"), text: enterpriseText(s.enterprise, "1.0.0") }, ...s.domainDocs.map((d, i) => ({ ref: ref(`d${i}`, "1.0.0"), text: domainText(`d${i}`, d, "1.0.0") }))];
  // Ids unique to the run: evaluateOrg memoises parsed products by id and text.
  const products = s.productDocs.map((p, i) => ({ id: `run${run}-p${i}`, text: productText(`p${i}`, p) }));
  const edited = [...manifests];
  if (s.editEnterprise) edited.push({ ref: ref("ent", "2.0.0"), text: enterpriseText({ ...s.enterprise, ...s.editEnterprise }, "2.0.0") });
  for (const [i, d] of s.editDomains) edited.push({ ref: ref(`d${i}`, "2.0.0"), text: domainText(`d${i}`, { ...s.domainDocs[i], ...d }, "2.0.0") });
  const editedProducts = [...products];
  for (const [i, p] of s.editProducts) if (editedProducts[i]) editedProducts[i] = { ...editedProducts[i], text: productText(`p${i}`, p) };
  return { before: { manifests, products }, after: { manifests: edited, products: editedProducts } };
}

// ---- the oracle: every product's merged configuration and every violation compared ------------

const errorKey = (v: Violation) => `${v.code}|${v.path}|${v.message}`;
const at = (root: unknown, path: string) => path.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Record<string, unknown>)[k] : undefined), root);
function changed(before: { resolved: unknown; provenance: object } | undefined, after: { resolved: unknown; provenance: object }): string[] {
  const keys = new Set([...Object.keys(before?.provenance ?? {}), ...Object.keys(after.provenance)]);
  return [...keys].filter((k) => JSON.stringify(at(before?.resolved ?? {}, k)) !== JSON.stringify(at(after.resolved ?? {}, k))).sort();
}

function fullImpact(before: OrgEvaluation, after: OrgEvaluation): Impact {
  const out: Impact = { changed: [], broken: [], fixed: [] };
  const add = (kind: ImpactEntry["kind"], key: string, name: string, was: Violation[], now: Violation[], changedPaths: string[]) => {
    const beforeErrors = new Set(was.filter(isError).map(errorKey));
    const afterErrors = now.filter(isError);
    const entry: ImpactEntry = { kind, key, name, changedPaths, newErrors: afterErrors.filter((v) => !beforeErrors.has(errorKey(v))) };
    if (entry.newErrors.length) out.broken.push(entry);
    else if (beforeErrors.size && !afterErrors.length) out.fixed.push(entry);
    if (changedPaths.length) out.changed.push(entry);
  };
  const repo = (r: string) => r.replace(/:[^:/]+$/, "");
  const beforeByRepo = new Map([...before.platforms].map(([r, p]) => [repo(r), p]));
  for (const [r, p] of after.platforms) {
    if (p.top.tier === "enterprise") continue;
    const was = beforeByRepo.get(repo(r));
    add("domain", r, p.top.manifest?.metadata.name ?? r, was?.violations ?? [], p.violations, changed(was, p));
  }
  for (const [id, r] of after.products) {
    const was = before.products.get(id);
    add("product", id, r.product, was?.violations ?? [], r.violations, changed(was, r));
  }
  return out;
}

const snapshot = (e: OrgEvaluation) => [...e.products].map(([id, r]) => [id, JSON.parse(JSON.stringify(r))]);

describe("indexed impact (evaluation on the current tree, impactOf's shortcuts)", () => {
  it("gives the same evaluation and the same verdicts as evaluating and comparing everything", async () => {
    let run = 0;
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { before: beforeInput, after: afterInput } = inputsOf(s, run++);
        const before = await evaluateOrg(beforeInput, { followLatest: true });
        const indexed = await evaluateOrg(afterInput, { followLatest: true, base: before });
        const full = await evaluateOrg(afterInput, { followLatest: true });
        expect(snapshot(indexed)).toEqual(snapshot(full));
        const impact = impactOf(before, indexed);
        expect(impact).toEqual(fullImpact(before, full));
        if (impact.changed.length + impact.broken.length + impact.fixed.length) nonEmpty++;
      }),
      { numRuns: 1000 },
    );
    // The generator must exercise the interesting cases, not only unchanged trees.
    expect(nonEmpty).toBeGreaterThan(300);
  }, 120_000);

  it("an unchanged tree on top of itself reuses every resolution and has no impact", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { before: input } = inputsOf(s, 0);
        const before = await evaluateOrg(input, { followLatest: true });
        const again = await evaluateOrg(input, { followLatest: true, base: before });
        // Resolved again by design: a product naming the enterprise (resolved against a copy of its
        // chain), and a domain whose parent is another domain (its cycle check reads further manifests).
        const rebuilt = (r: { platform: { top: { tier: string }; violations: Violation[] } | null }) =>
          r.platform?.top.tier === "enterprise" || r.platform?.violations.some((v) => v.path === "parent_manifest" && (v.code === "INHERITANCE_CYCLE" || v.code === "SCOPE_MISMATCH"));
        for (const [id, r] of again.products) {
          if (rebuilt(r)) expect(JSON.stringify(r)).toBe(JSON.stringify(before.products.get(id)));
          else expect(r).toBe(before.products.get(id));
        }
        expect(impactOf(before, again)).toEqual({ changed: [], broken: [], fixed: [] });
      }),
      { numRuns: 300 },
    );
  });
});

describe("impact pages", () => {
  const entry = (kind: ImpactEntry["kind"], name: string, key = name): ImpactEntry => ({ kind, key, name, changedPaths: ["x"], newErrors: [] });
  const entries = fc.array(fc.tuple(fc.constantFrom("domain" as const, "product" as const), fc.string({ maxLength: 4 }), fc.string({ maxLength: 3 })), { maxLength: 60 });

  it("walks every entry of a group once, domains first, in order, whatever the page size", () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 7 }), (raw, limit) => {
        const unique = [...new Map(raw.map(([k, n, key]) => [`${k}:${key}`, entry(k, n, key)])).values()];
        const impact: Impact = { changed: unique, broken: unique.filter((_, i) => i % 3 === 0), fixed: unique.filter((_, i) => i % 3 === 1) };
        const groups = impactGroups(impact);
        for (const group of ["broken", "fixed", "changed"] as const) {
          const seen: ImpactEntry[] = [];
          let page = impactPage(groups[group], null, limit);
          seen.push(...page.items);
          while (page.nextCursor) {
            page = impactPage(groups[group], decodeCursor(page.nextCursor), limit);
            seen.push(...page.items);
          }
          expect(seen).toEqual(groups[group]);
        }
        // Disjoint groups: a broken or fixed entry is not listed again as changed.
        expect(groups.changed.length).toBe(unique.length - groups.broken.length - groups.fixed.length);
        const paged = pagedImpact(groups, limit);
        expect(paged.summary.changed.domains + paged.summary.changed.products).toBe(groups.changed.length);
        // Marks: every named node once.
        const marks = impactMarks(impact);
        const named = [...marks.domains.broken, ...marks.domains.changed, ...marks.domains.fixed, ...marks.products.broken, ...marks.products.changed, ...marks.products.fixed];
        expect(named.length).toBe(new Set(unique.map((e) => `${e.kind}:${e.name}`)).size);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses cursors it did not write", () => {
    for (const bad of ["", "x", "[]", "[2,\"a\",\"b\"]", "{\"__proto__\":1}", "[0,1,2]", "null"]) expect(decodeCursor(bad)).toBeNull();
    expect(decodeCursor(JSON.stringify([1, "p", "k"]))).toEqual([1, "p", "k"]);
  });
});

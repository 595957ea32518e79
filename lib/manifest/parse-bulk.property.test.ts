// The bulk readers (`mesh check`, an organisation's evaluation) take shortcuts: js-yaml for plain
// documents (lib/yaml/fast-load.ts), an accept-only validator before zod for products
// (product-fast-accept.ts), and the quick pre-tests of the secrets scan. They must give exactly the
// full readers' verdicts: the same product (same keys, same order), the same violations at the same
// lines and columns. Generated documents lean on hostile shapes: nulls, empty mappings, wrong types,
// `__proto__` keys, huge numbers, YAML 1.1 words, anchors and aliases, duplicate keys, secrets. A
// failure prints fast-check's seed and path.
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { fastLoadYaml } from "../yaml/fast-load";
import { YAML11 } from "../yaml/yaml11";
import { parseManifest, parseProduct } from "./parse";
import { parseProductInBulk } from "./parse-bulk";
import { acceptPlainProduct } from "./product-fast-accept";
import { productSchema } from "./schema/product";

/** Values that break a field in some way, and the YAML 1.1 words and secrets that look like text. */
const hostile = fc.oneof(
  fc.constantFrom(null, {}, [], "", " ", 0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2, true, false, "yes", "off", "90", "0.25", "2026-06-01", "1.0", "__proto__"),
  fc.constantFrom("AKIAIOSFODNN7EXAMPLE", "postgresql://svc:s3cr3t@db.example/app", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc", "${VAR}", "vault://kv/x"),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.dictionary(fc.constantFrom("a", "__proto__", "constructor", "password", "x.y"), fc.constantFrom(1, "x", null), { maxKeys: 2 }),
);
/** Usually absent (undefined), one time in ten present. */
const rare = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
/** Keys set to undefined are left out, as a serialiser would. */
function withoutUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutUndefined);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) Object.defineProperty(out, k, { value: withoutUndefined(x), enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * Documents where each field is valid, hostile or absent, hostile and absent each `h` times in a
 * hundred: near-valid documents (h = 1) exercise the quick validator, hostile ones (h = 15) the rest.
 */
function documents(h: number) {
  /** A field: a valid value, a hostile one, or `undefined` (left out). */
  const field = <T>(valid: fc.Arbitrary<T>, ...wrong: unknown[]) =>
    fc.oneof({ weight: 100, arbitrary: valid }, { weight: h, arbitrary: wrong.length ? fc.oneof(hostile, fc.constantFrom(...wrong)) : hostile }, { weight: h, arbitrary: fc.constant(undefined) });
  const dbtName = fc.oneof(fc.constantFrom("stg_orders", "int_orders", "mart_orders", "_x", "a1"), fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,6}$/));
  const stringList = fc.array(fc.oneof(dbtName, fc.constant("")), { maxLength: 3 });
  const qualityCheck = fc.record(
    {
      name: field(fc.constantFrom("not_null", "unique")),
      type: field(fc.constantFrom("not_null", "unique")),
      column: field(fc.constantFrom("id", null)),
      dimension: field(fc.constantFrom("completeness", "accuracy", "validity"), "speed"),
      severity: field(fc.constantFrom("critical", "warning", "info", null)),
      custom_weight: field(fc.constantFrom(0.1, 10, 2, null), 0.05, 11, "2"),
      parameters: rare(fc.constantFrom({ min: 1 }, {}, null)),
      enabled: field(fc.constantFrom(true, false), 1, 0, "yes"),
    },
    { requiredKeys: [] },
  );
  const transform = fc.record(
    {
      name: field(dbtName),
      compute: field(fc.constantFrom("duckdb", "snowflake", null), ""),
      tags: field(fc.oneof(stringList, fc.constant(null))),
      dependsOn: field(fc.oneof(stringList, fc.constant(null))),
      depends_on: rare(stringList),
      tier: field(fc.constantFrom("bronze", "silver", "gold", null), "platinum"),
      qualityChecks: field(fc.oneof(fc.array(qualityCheck, { maxLength: 2 }), fc.constant(null))),
      type: rare(fc.constantFrom("dbt")),
      path: rare(fc.constantFrom("models/")),
    },
    { requiredKeys: [] },
  );
  const product = fc.record(
    {
      apiVersion: field(fc.constant("floe.dev/v1"), "floe.dev/v2"),
      api_version: rare(fc.constant("floe.dev/v1")),
      kind: field(fc.constant("FloeSpec"), "Manifest"),
      metadata: field(
        fc.record(
          {
            name: field(fc.oneof(fc.constantFrom("orders", "sales-orders-1", "a".repeat(63)), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/)), "Orders", "1x", "a".repeat(64)),
            version: field(fc.constantFrom("1.0.0", "10.20.30"), "1.0", "v1.0.0"),
            description: field(fc.oneof(fc.string({ maxLength: 10 }), fc.constant("d".repeat(500)), fc.constant(null)), "d".repeat(501)),
            owner: field(fc.constantFrom("team@acme.example", null), ""),
            labels: field(fc.oneof(fc.dictionary(fc.constantFrom("domain", "tier", "off"), fc.constantFrom("sales", "", "yes"), { maxKeys: 3 }), fc.constant(null)), { domain: 1 }, { __proto__: "x" }),
          },
          { requiredKeys: [] },
        ),
      ),
      platform: field(fc.oneof(fc.record({ manifest: field(fc.constant("oci://r.example/f/sales:1.0.0"), "") }, { requiredKeys: [] }), fc.record({ ref: fc.constant("oci://r.example/f/sales:1.0.0") }), fc.constant(null))),
      transforms: field(fc.array(transform, { minLength: 1, maxLength: 4 }), []),
      schedule: field(fc.oneof(fc.record({ cron: field(fc.constantFrom("0 * * * *", null)), timezone: field(fc.constant("UTC"), null), enabled: field(fc.constantFrom(true, false), "off", 0) }, { requiredKeys: [] }), fc.constant(null))),
      outputPorts: rare(fc.constantFrom(null, [{ name: "out", schema: [{ name: "id", type: "int" }] }])),
      destinations: rare(fc.constantFrom(null, [{ name: "d", sink_type: "s3", connection_secret_ref: "creds", batch_size: "10" }])),
      extra: rare(fc.dictionary(fc.constantFrom("owner_team", "password", "database", "config", "token_ttl"), hostile, { maxKeys: 2 })),
    },
    { requiredKeys: [] },
  ).map((doc) => {
    // `extra` spreads unknown (or forbidden, or secret) keys in at the top level.
    const { extra, ...rest } = doc;
    return withoutUndefined({ ...rest, ...extra }) as Record<string, unknown>;
  });
  const manifest = fc.record(
    {
      apiVersion: field(fc.constant("floe.dev/v1")),
      kind: field(fc.constant("Manifest")),
      metadata: field(fc.record({ name: field(fc.constantFrom("sales", "acme", "Sales")), version: field(fc.constantFrom("1.0.0", "1.0")), owner: field(fc.constantFrom("o@acme.example", "")) }, { requiredKeys: [] })),
      scope: field(fc.constantFrom("enterprise", "domain", "other")),
      parent_manifest: field(fc.constant("oci://r.example/f/acme:1.0.0")),
      approved_products: field(fc.array(fc.constantFrom("sales-orders-1", "x", "__proto__", ""), { maxLength: 5 })),
      governance: field(fc.record({ data_retention_days: field(fc.constantFrom(30, "90", Infinity, 1e308, -1)), policy_enforcement_level: field(fc.constantFrom("warn", "strict", "off")) }, { requiredKeys: [] })),
      plugins: field(fc.record({ compute: field(fc.oneof(fc.constantFrom("duckdb"), fc.record({ type: fc.constantFrom("duckdb", "") }))) }, { requiredKeys: [] })),
      api_key: rare(fc.constantFrom("sk-abcdefghijklmnopqrstuvwx", "${KEY}")),
    },
    { requiredKeys: [] },
  ).map((doc) => withoutUndefined(doc) as Record<string, unknown>);
  return { product, manifest };
}
const near = documents(1);
const wild = documents(15);
const product = fc.oneof({ weight: 2, arbitrary: near.product }, { weight: 1, arbitrary: wild.product });
const manifest = fc.oneof(near.manifest, wild.manifest);

/** Text edits a serialiser never makes: YAML 1.1 words, anchors and aliases, duplicate and prototype keys, huge numbers, flow style. */
const edits: [string, (t: string) => string][] = [
  ["none", (t) => t],
  ["a duplicate key", (t) => t + "kind: FloeSpec\n"],
  ["a __proto__ key", (t) => t + "__proto__: {polluted: true}\n"],
  ["a nested __proto__ key", (t) => t.replace(/^metadata:\n/m, "metadata:\n  __proto__: x\n")],
  ["an anchor and alias", (t) => t.replace(/^transforms:\n/m, "transforms: &t\n") + "x_copy: *t\n"],
  ["an aliased scalar", (t) => t.replace(/^(\s+name:) (\S+)$/m, "$1 &n $2").replace(/^(\s+owner:) (\S+)$/m, "$1 *n")],
  ["a huge number", (t) => t.replace(/^(\s+version:) .*$/m, "$1 1e400")],
  ["YAML 1.1 words", (t) => t.replace(/^(\s+tier:) .*$/m, "$1 off").replace(/^(\s+enabled:) .*$/m, "$1 yes")],
  ["a date", (t) => t.replace(/^(\s+description:) .*$/m, "$1 2026-06-01")],
  ["a tab", (t) => t.replace(/\n /, "\n\t")],
  ["an empty document", () => ""],
  ["a null document", () => "~\n"],
  ["a flow mapping", (t) => t.replace(/^platform:\n\s+manifest: (.*)$/m, "platform: {manifest: $1}")],
  ["a secret", (t) => t + "password: hunter2hunter2\n"],
];

/** The bulk reader and the full reader agree on everything a check reads. */
function expectSameVerdict(text: string) {
  const bulk = parseProductInBulk(text, "p/floe.yaml");
  const full = parseProduct(text, "p/floe.yaml");
  expect(bulk.violations, text).toEqual(full.violations);
  expect(bulk.product, text).toEqual(full.product);
  expect(JSON.stringify(bulk.product), text).toBe(JSON.stringify(full.product)); // the same key order
  return bulk.product !== null;
}

describe("bulk reading gives the full reader's verdicts (property)", { timeout: 120_000 }, () => {
  it("products: the same product and the same violations, hostile shapes included", () => {
    let valid = 0;
    fc.assert(
      fc.property(product, fc.constantFrom(...edits), fc.constantFrom("block", "flow"), (doc, [, edit], style) => {
        const text = edit(stringify(doc, { ...YAML11, collectionStyle: style === "flow" ? "flow" : "any" }));
        if (expectSameVerdict(text)) valid++;
      }),
      { numRuns: 4000 },
    );
    expect(valid).toBeGreaterThan(200); // valid products (the quick validator's whole point) were compared often enough
  });

  it("the quick validator accepts only what zod accepts, and returns zod's output", () => {
    let accepted = 0;
    fc.assert(
      fc.property(product, (doc) => {
        const quick = acceptPlainProduct(doc);
        if (quick === undefined) return;
        accepted++;
        const zod = productSchema.safeParse(doc);
        expect(zod.success, JSON.stringify(doc)).toBe(true);
        expect(JSON.stringify(quick)).toBe(JSON.stringify(zod.data)); // undefined (floe's null) is left out by both
      }),
      { numRuns: 4000 },
    );
    expect(accepted).toBeGreaterThan(50); // about one in forty: the rest carry something zod must judge
  });

  it("manifests: the store's fast reader gives the same manifest and violations", () => {
    fc.assert(
      fc.property(manifest, fc.constantFrom(...edits), (doc, [, edit]) => {
        const text = edit(stringify(doc, YAML11));
        const fast = parseManifest(text, "m.yaml", { ref: "oci://r.example/f/m:1.0.0", loaded: fastLoadYaml(text) });
        const full = parseManifest(text, "m.yaml", { ref: "oci://r.example/f/m:1.0.0" });
        expect(fast.violations, text).toEqual(full.violations);
        expect(JSON.stringify(fast.manifest), text).toBe(JSON.stringify(full.manifest));
        expect(fast.tier).toBe(full.tier);
      }),
      { numRuns: 2000 },
    );
  });
});

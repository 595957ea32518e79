// One example per rule floe-core enforces that the console mirrors (issue 11), beyond the
// conformance cases: each refusal names the field, each acceptance stores floe's value.
import { describe, expect, it } from "vitest";
import { parseManifest, parseProduct } from "./parse";

const HEADER = "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: plat\n  version: 1.0.0\n  owner: team\nplugins:\n  compute:\n    type: duckdb\n";
const PRODUCT = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: 1.0.0\ntransforms:\n  - name: stg_orders\n";
const REGISTRY = "artifacts:\n  registry:\n    uri: oci://harbor.example.com/floe\n    auth: {type: anonymous}\n";

const errorsOf = (text: string, kind: "manifest" | "product" = "manifest") =>
  (kind === "manifest" ? parseManifest(HEADER + text, "m.yaml") : parseProduct(PRODUCT + text, "p/floe.yaml")).violations
    .filter((v) => v.severity === "error")
    .map((v) => `${v.path}: ${v.message}`);

describe("floe's YAML 1.1 reading, reported with the fix", () => {
  it.each([
    ["governance:\n  policy_enforcement_level: off\n", "governance.policy_enforcement_level", "unquoted off is the boolean false: quote it (\"off\")"],
    ["governance:\n  data_contracts:\n    enforcement: Off\n", "governance.data_contracts.enforcement", "unquoted Off is the boolean false"],
    ["governance:\n  naming:\n    enforcement: no\n", "governance.naming.enforcement", "unquoted no is the boolean false"],
  ])("%s", (text, path, hint) => {
    const [error] = errorsOf(text);
    expect(error.startsWith(`${path}: `)).toBe(true);
    expect(error).toContain(hint);
  });

  it("names a date or a number where floe wants text", () => {
    expect(errorsOf("").length).toBe(0);
    const [date] = parseProduct(PRODUCT.replace("version: 1.0.0", "version: 1.0.0\n  description: 2026-06-01"), "p/floe.yaml").violations.filter((v) => v.severity === "error");
    expect(date.message).toContain('unquoted 2026-06-01 is a date: quote it ("2026-06-01")');
    const [num] = parseManifest(HEADER.replace("version: 1.0.0", "version: 1.0"), "m.yaml").violations.filter((v) => v.severity === "error");
    expect(num).toMatchObject({ path: "metadata.version" });
    expect(num.message).toContain("unquoted 1.0 is a number");
  });
});

describe("dates YAML 1.1 reads in free-form values", () => {
  it("are kept as their ISO text, so merging and JSON keep them", () => {
    const m = parseManifest(HEADER.replace("type: duckdb\n", "type: duckdb\n    config: {start: 2024-01-01, at: 2024-01-01 10:00:00, days: [2024-02-02]}\n"), "m.yaml").manifest!;
    expect(m.plugins.compute?.config).toEqual({ start: "2024-01-01", at: "2024-01-01T10:00:00.000Z", days: ["2024-02-02"] });
  });
});

describe("what floe refuses, the console refuses", () => {
  it("naming.custom_patterns that Python's re.compile refuses (only with pattern: custom, as floe checks)", () => {
    const naming = (patterns: string, pattern = "custom") => errorsOf(`governance:\n  naming:\n    pattern: ${pattern}\n    custom_patterns: ${patterns}\n`);
    expect(naming('["^(stg|int"]')[0]).toMatch(/^governance\.naming\.custom_patterns\.0: .*Invalid regex pattern '\^\(stg\|int'/);
    expect(naming('["^stg_\\\\q+$"]')[0]).toContain("bad escape \\q");
    expect(naming('["^(?<layer>stg)_"]')[0]).toContain("(?P<name>...)");
    expect(naming('["^(?P<layer>stg|int)_(?P=layer)?[a-z_]+$", "^mart_\\\\w+$"]')).toEqual([]);
    expect(naming('["^(stg|int"]', "medallion")).toEqual([]);
    expect(naming("[]")[0]).toMatch(/^governance\.naming\.custom_patterns: .*custom_patterns is required/);
  });

  it("resilience, signing, verification and promotion as floe's closed models", () => {
    expect(errorsOf(`${REGISTRY}    resilience:\n      retry: {max_attempts: 11}\n      circuit_breaker: {recovery_timeout_ms: 10}\n`).map((e) => e.split(":")[0])).toEqual([
      "artifacts.registry.resilience.retry.max_attempts",
      "artifacts.registry.resilience.circuit_breaker.recovery_timeout_ms",
    ]);
    expect(errorsOf(`${REGISTRY}    resilience:\n      circuit_breakr: {}\n`)[0]).toMatch(/^artifacts\.registry\.resilience\.circuit_breakr: .*unknown key 'circuit_breakr'; did you mean 'circuit_breaker'\?/);
    expect(errorsOf(`${REGISTRY}    verification:\n      enforcement: strict\n      grace_period_days: 91\n`).map((e) => e.split(":")[0])).toEqual([
      "artifacts.registry.verification.enforcement",
      "artifacts.registry.verification.grace_period_days",
    ]);
    expect(errorsOf(`${REGISTRY}    signing: {mode: keyless, oidc_issuer: not a url}\n`)[0]).toMatch(/^artifacts\.registry\.signing\.oidc_issuer/);
    expect(errorsOf(`${REGISTRY}  promotion:\n    environments:\n      - {name: Prod, gates: {tests: true, smoke: true}}\n`).map((e) => e.split(":")[0])).toEqual([
      "artifacts.promotion.environments.0.name",
      "artifacts.promotion.environments.0.gates.smoke",
    ]);
    const ok = `${REGISTRY}    resilience: {retry: {max_attempts: 5, backoff_multiplier: 1.5}}\n    signing: {mode: key-based, private_key_ref: {name: cosign-key}}\n    verification: {enforcement: warn, trusted_issuers: [{issuer: "https://token.actions.githubusercontent.com"}], environments: {prod: {enforcement: enforce}}}\n  promotion:\n    environments:\n      - {name: dev, gates: {policy_compliance: true}}\n      - {name: prod, gates: {policy_compliance: true, security_scan: {command: "trivy image"}}, lock: {locked: true, locked_at: 2026-06-01T10:00:00Z}}\n`;
    expect(errorsOf(ok)).toEqual([]);
  });

  it("a registry without auth; auth that contradicts its type when credentials_ref is given", () => {
    expect(errorsOf("artifacts:\n  registry:\n    uri: oci://harbor.example.com/floe\n")).toEqual(["artifacts.registry.auth: artifacts.registry.auth: missing required field"]);
    expect(errorsOf("artifacts:\n  registry:\n    uri: oci://h.example.com/f\n    auth: {type: anonymous, credentials_ref: {name: x}}\n")[0]).toMatch(/^artifacts\.registry\.auth\.credentials_ref: .*must be absent/);
    expect(errorsOf("artifacts:\n  registry:\n    uri: oci://h.example.com/f\n    auth: {type: token, credentials_ref: null}\n")[0]).toMatch(/^artifacts\.registry\.auth\.credentials_ref: .*required for token/);
  });

  it("policy_overrides[].expires that is not a date, or a date-time with a time", () => {
    const expires = (v: string) => errorsOf(`governance:\n  policy_overrides:\n    - {pattern: "a_*", action: exclude, reason: r, expires: ${v}}\n`);
    expect(expires('"next month"')[0]).toMatch(/^governance\.policy_overrides\.0\.expires: /);
    expect(expires("2026-06-01 10:00:00")[0]).toContain("Datetimes provided to dates should have zero time");
    expect(expires('"2026-02-30"')[0]).toMatch(/^governance\.policy_overrides\.0\.expires: /);
    for (const ok of ["2026-06-01", '"2026-06-01"', '"2026-06-01T00:00:00"', "null"]) expect(expires(ok), ok).toEqual([]);
  });

  it("partial resource presets, flat or nested (floe reads the flat keys only when all four are there)", () => {
    expect(errorsOf("resource_presets:\n  small: {cpu_request: 100m, memory_request: 1Gi, cpu_limit: 1}\n").map((e) => e.split(":")[0])).toEqual(
      expect.arrayContaining(["resource_presets.small.cpu_request", "resource_presets.small.requests", "resource_presets.small.limits"]),
    );
    expect(errorsOf("resource_presets:\n  small: {requests: {cpu: 1, memory: 1Gi}, limits: {cpu: '2'}}\n").map((e) => e.split(":")[0])).toEqual([
      "resource_presets.small.requests.cpu",
      "resource_presets.small.limits.memory",
    ]);
  });

  it("duplicate destination names, and any `schema` key in a floe.yaml (outputPorts' own included)", () => {
    const dest = "destinations:\n  - {name: crm, sink_type: rest_api, connection_secret_ref: crm-key}\n  - {name: crm, sink_type: rest_api, connection_secret_ref: crm-key}\n";
    expect(errorsOf(dest, "product")).toEqual(["destinations.1.name: destinations.1.name: Duplicate destination names are not allowed: crm"]);
    const ports = errorsOf("outputPorts:\n  - name: orders\n    schema:\n      - {name: id, type: bigint}\n", "product");
    expect(ports[0]).toMatch(/^outputPorts\.0\.schema: .*floe-core refuses every `schema` key, its own outputPorts\[\]\.schema included/);
    expect(errorsOf("destinations:\n  - {name: wh, sink_type: sql, connection_secret_ref: wh, config: {Schema: analytics}}\n", "product")[0]).toMatch(/^destinations\.0\.config\.Schema: /);
  });
});

import { describe, expect, it } from "vitest";
import { resolveChain } from "../resolve/chain";
import { canonicalManifest, canonicalProduct } from "./canonical";
import { normaliseManifest } from "./normalise";
import { parseManifest, parseProduct } from "./parse";

const identity = { name: "sales", version: "1.0.0", owner: "unknown" };
const ENTERPRISE_REF = "oci://registry.acme.example/floe/acme:1.0.0";
const enterprise = parseManifest(
  `apiVersion: floe.dev/v1
kind: Manifest
metadata: {name: acme, version: 1.0.0, owner: platform}
scope: enterprise
plugins:
  compute: {type: duckdb}
  orchestrator: {type: dagster}
  telemetry_backend: {type: datadog}
approved_plugins:
  compute: [duckdb, snowflake]
governance:
  pii_encryption: required
  policy_enforcement_level: "off"
  data_retention_days: 30
`,
  "acme.yaml",
  { ref: ENTERPRISE_REF },
);

// The ADR's shorthand: no header, compute as a string, floe's flat preset keys.
const shorthand = `# Sales domain (ADR-0038 shape)
scope: domain
parent_manifest: ${ENTERPRISE_REF}
plugins:
  compute: snowflake  # CRM volumes
governance:
  data_retention_days: 90
resource_presets:
  small:
    cpu_request: 100m
    memory_request: 256Mi
    cpu_limit: 500m
    memory_limit: 512Mi
`;

const resolved = async (text: string) => {
  const parsed = parseManifest(text, "sales.yaml", { ref: "oci://registry.acme.example/floe/sales:1.0.0" });
  const r = await resolveChain(parsed, async (ref) => (ref === ENTERPRISE_REF ? enterprise : null));
  return { resolved: r.resolved, errors: r.violations.filter((v) => v.severity === "error").map((v) => v.code), compat: parsed.violations.filter((v) => v.code === "FLOE_COMPAT").length };
};

describe("canonicalManifest (what publishing stores)", () => {
  it("expands the ADR's shorthand into floe's form, keeping comments, and says what it normalised", () => {
    const { yaml, normalised } = canonicalManifest(shorthand, identity);
    expect(yaml.startsWith("# Sales domain (ADR-0038 shape)\napiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: sales\n")).toBe(true);
    expect(yaml).toContain("compute:\n    type: snowflake # CRM volumes");
    expect(yaml).toContain("requests:\n      cpu: 100m\n      memory: 256Mi\n    limits:\n      cpu: 500m\n      memory: 512Mi");
    expect(normalised.map((n) => n.slice(0, n.indexOf(":")))).toEqual(expect.arrayContaining(["apiVersion", "kind", "metadata", "plugins.compute.type", "resource_presets.small"]));
    expect(normalised).toContain("plugins.compute.type: floe-core expects `compute: {type: snowflake}`, not a bare string");
    // Read back, it is floe's form: nothing left to normalise.
    expect(normaliseManifest(parseManifest(yaml, "sales.yaml").yaml.value as Record<string, unknown>, identity).rewrites).toEqual([]);
  });

  it("re-reading the published YAML yields the same resolved configuration, without FLOE_COMPAT warnings", async () => {
    const before = await resolved(shorthand);
    const after = await resolved(canonicalManifest(shorthand, identity).yaml);
    expect(before.compat).toBeGreaterThan(0);
    expect(after.compat).toBe(0);
    expect(after.errors).toEqual(before.errors);
    expect(after.resolved).toEqual(before.resolved);
    expect((after.resolved as { plugins: Record<string, unknown> }).plugins.compute).toEqual({ type: "snowflake" });
  });

  it("renames plugins.observability and api_version, lists single approved plugins, and keeps quoting floe needs", () => {
    const { yaml } = canonicalManifest(`api_version: floe.dev/v1\nkind: Manifest\nmetadata: {name: acme, version: 1.0.0, owner: p}\nscope: enterprise\nplugins:\n  observability: datadog\napproved_plugins:\n  compute: duckdb\ngovernance:\n  policy_enforcement_level: "off"\n`, identity);
    expect(yaml).toContain("apiVersion: floe.dev/v1");
    expect(yaml).not.toContain("api_version");
    expect(yaml).toContain("telemetry_backend:\n    type: datadog");
    expect(yaml).toContain("compute: [duckdb]");
    expect(yaml).toContain('policy_enforcement_level: "off"');
    expect(parseManifest(yaml, "acme.yaml").violations.filter((v) => v.severity === "error" || v.code === "FLOE_COMPAT")).toEqual([]);
  });

  it("returns canonical text, and text it cannot read, unchanged", () => {
    const canonical = "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata: {name: a, version: 1.0.0, owner: b}\nplugins: {}\n";
    expect(canonicalManifest(canonical, identity)).toEqual({ yaml: canonical, normalised: [] });
    expect(canonicalManifest("a: [1\n", identity)).toEqual({ yaml: "a: [1\n", normalised: [] });
  });
});

describe("canonicalProduct (what approval stores)", () => {
  it("writes the ADR's floe.yaml in floe's form: header, platform.manifest, named transforms, floe's aliases", () => {
    const adr = "# churn (ADR-0038 shape)\nplatform:\n  ref: oci://r.example/floe/sales:1.0.0  # domain\ntransforms:\n  - type: dbt\n    path: models/\n  - name: fct_churn\n    depends_on: [dbt_models]\n    quality_checks: []\noutput_ports: []\n";
    const { yaml, normalised } = canonicalProduct(adr, { name: "churn", version: "0.0.0" });
    expect(yaml).toBe(
      "# churn (ADR-0038 shape)\napiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: churn\n  version: 0.0.0\nplatform:\n  manifest: oci://r.example/floe/sales:1.0.0 # domain\ntransforms:\n  - name: dbt_models\n  - name: fct_churn\n    dependsOn: [dbt_models]\n    qualityChecks: []\noutputPorts: []\n",
    );
    expect(normalised.length).toBeGreaterThan(3);
    const parsed = parseProduct(yaml, "churn/floe.yaml");
    expect(parsed.violations).toEqual([]);
    expect(parsed.product).toEqual(parseProduct(adr, "churn/floe.yaml").product);
  });

  it("leaves a canonical floe.yaml, and one without transforms to invent, as they are", () => {
    const ok = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata: {name: a, version: 1.0.0}\ntransforms:\n  - name: x\n";
    expect(canonicalProduct(ok, { name: "a", version: "0.0.0" })).toEqual({ yaml: ok, normalised: [] });
    const noTransforms = ok.replace("transforms:\n  - name: x\n", "");
    expect(canonicalProduct(noTransforms, { name: "a", version: "0.0.0" }).yaml).toBe(noTransforms);
  });
});

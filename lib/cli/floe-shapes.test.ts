// `mesh validate` accepts manifests and floe.yaml files written in the shapes of floe's own
// published examples (test/fixtures/floe-shapes/README.md), and reads floe's alternate
// spellings to the same values floe does.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseManifest, parseProduct } from "../manifest/parse";

const ROOT = resolve(__dirname, "../..");
const SHAPES = join(ROOT, "test/fixtures/floe-shapes");
const files = readdirSync(SHAPES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(SHAPES, d.name)).map((f) => `test/fixtures/floe-shapes/${d.name}/${f}`));

describe("mesh validate on floe's own shapes", { timeout: 60_000 }, () => {
  it("accepts every fixture with exit 0 and nothing to report", async () => {
    expect(files).toHaveLength(7);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, "bin/mesh.mjs"), "validate", ...files], { cwd: ROOT });
    expect(stdout).toBe("");
    expect(stderr).toBe("");
  });

  it("reads floe's own model_dump() output: nulls are absent, defaults kept", () => {
    const m = parseManifest(readFileSync(join(SHAPES, "model-dump/manifest.yaml"), "utf8"), "model-dump/manifest.yaml").manifest!;
    expect(Object.keys(m.plugins)).toEqual(["compute", "orchestrator", "dbt", "quality"]);
    expect(m.plugins.compute).toEqual({ type: "duckdb" });
    expect(m.governance?.naming).toEqual({ enforcement: "warn", pattern: "medallion" });
    expect(m.artifacts?.registry.auth).toEqual({ type: "aws-irsa" });
    expect(m.observability?.tracing).toEqual({ enabled: true, exporter: "otlp" });
  });

  it("reads the demo's flat resource presets as floe's requests and limits", () => {
    const parsed = parseManifest(readFileSync(join(SHAPES, "demo/manifest.yaml"), "utf8"), "demo/manifest.yaml");
    expect(parsed.manifest?.resource_presets?.small).toEqual({ requests: { cpu: "200m", memory: "128Mi" }, limits: { cpu: "400m", memory: "256Mi" } });
    expect(parsed.manifest?.plugins.lineage_backend?.version).toBe("0.2.0");
  });

  it("reads floe's alternate spellings, nulls, 1.1 booleans and numeric strings to floe's values", () => {
    const m = parseManifest(readFileSync(join(SHAPES, "spellings/manifest.yaml"), "utf8"), "spellings/manifest.yaml").manifest!;
    expect(m.apiVersion).toBe("floe.dev/v1");
    expect(m.metadata).toEqual({ name: "spellings-platform", version: "1.0.0", owner: "platform@example.org" });
    expect(m.plugins).toEqual({ compute: { type: "duckdb" }, quality: { provider: "soda", dimension_weights: { completeness: 0.4, accuracy: 0.1 }, check_timeout_seconds: 120, enabled: true } });
    expect(m.governance).toMatchObject({ data_retention_days: 30, default_ttl_hours: 24, naming: { enforcement: "off" }, quality_gates: { require_descriptions: true, block_on_failure: false } });
    expect(m.governance).not.toHaveProperty("pii_encryption");
    expect(m.governance?.policy_overrides?.[0].expires).toBe("2027-01-31");
    const p = parseProduct(readFileSync(join(SHAPES, "spellings/floe.yaml"), "utf8"), "spellings/floe.yaml").product!;
    expect(p.transforms).toEqual([
      { name: "stg_events", qualityChecks: [{ name: "ids_present", type: "not_null", column: "id", dimension: "completeness", custom_weight: 2, enabled: true }] },
      { name: "fct_events", dependsOn: ["stg_events"] },
    ]);
    expect(p.outputPorts).toEqual([]);
    expect(p.destinations?.[0]).toEqual({ name: "crm", sink_type: "rest_api", connection_secret_ref: "crm-key", batch_size: 500 });
    expect(p.schedule).toEqual({ enabled: true });
  });
});

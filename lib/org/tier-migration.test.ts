import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseManifest, parseProduct } from "../manifest/parse";
import { resolve } from "../resolve/resolve";
import { ManifestStore } from "../resolve/store";
import { planTierMigration } from "./tier-migration";

const root = join(__dirname, "../../examples");
const read = (p: string) => readFileSync(join(root, p), "utf8");
const PLATFORM = "oci://registry.acme.example/floe/platform:1.0.0";
const DOMAIN = "oci://registry.acme.example/floe/platform:1.1.0";
const ENTERPRISE = "oci://registry.acme.example/floe/acme-enterprise:1.0.0";

describe("2-tier → 3-tier migration plan (ADR-0038 phase 2)", () => {
  const platformYaml = read("migration/phase1/registry/registry.acme.example/floe/platform/1.0.0.yaml");
  const floeYaml = read("migration/phase1/products/orders/floe.yaml");
  const platform = parseManifest(platformYaml, "platform.yaml").manifest!;
  const plan = planTierMigration({ platformYaml, platform, domainVersion: "1.1.0", enterprise: { ref: ENTERPRISE, create: { name: "acme-enterprise", owner: "cto@acme.example" } }, products: ["orders"] });

  it("writes a floe-valid enterprise and domain, keeping the platform's comments", () => {
    const enterprise = parseManifest(plan.enterpriseYaml!, "e.yaml");
    const domain = parseManifest(plan.domainYaml, "d.yaml");
    expect(enterprise.violations).toEqual([]);
    expect(domain.violations).toEqual([]);
    expect(enterprise.tier).toBe("enterprise");
    expect(domain.manifest).toMatchObject({ scope: "domain", parent_manifest: ENTERPRISE, approved_products: ["orders"], metadata: { name: "platform", version: "1.1.0" } });
    expect(enterprise.manifest?.approved_plugins).toEqual({ compute: ["duckdb"], orchestrator: ["dagster"] });
    expect(plan.domainYaml).toContain("# floe compile needs compute and an orchestrator (E201)");
  });

  it("resolves the unchanged floe.yaml, naming the old version, to the same values without a violation", async () => {
    const before = await resolve(parseProduct(floeYaml, "orders/floe.yaml"), new ManifestStore((ref) => (ref === PLATFORM ? { text: platformYaml, file: ref } : null)));
    // The console reads a version's reference as its repository's latest version: the domain.
    const texts: Record<string, string> = { [PLATFORM]: plan.domainYaml, [DOMAIN]: plan.domainYaml, [ENTERPRISE]: plan.enterpriseYaml! };
    const after = await resolve(parseProduct(floeYaml, "orders/floe.yaml"), new ManifestStore((ref) => (texts[ref] ? { text: texts[ref], file: ref } : null)));
    expect(after.mode).toBe("three-tier");
    expect(after.violations.filter((v) => v.severity === "error")).toEqual([]);
    expect(before.violations.filter((v) => v.severity === "error")).toEqual([]);
    const strip = (r: Record<string, unknown>) => ({ ...r, approved_plugins: undefined, approved_products: undefined, platform: undefined });
    expect(strip(after.resolved)).toEqual(strip(before.resolved));
  });

  it("joins an existing enterprise without creating one", () => {
    const joined = planTierMigration({ platformYaml, platform, domainVersion: "1.1.0", enterprise: { ref: ENTERPRISE }, products: [] });
    expect(joined.enterpriseYaml).toBeNull();
    expect(joined.domainYaml).not.toContain("approved_products");
  });
});

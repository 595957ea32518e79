import { describe, expect, it } from "vitest";
import { parseProduct } from "../../lib/manifest/parse";
import { editApprovedProducts, setPlatformManifest } from "../../server/services/yaml-edit";

describe("setPlatformManifest (approval repoints a floe.yaml)", () => {
  const ref = "oci://registry.acme.example/floe/sales:1.1.0";

  it("renames the ADR's platform.ref to floe's platform.manifest in place, comment kept", () => {
    const out = setPlatformManifest("platform:\n  ref: oci://registry.acme.example/floe/sales:1.0.0  # domain\ntransforms:\n  - name: a\n", ref);
    expect(out).toBe(`platform:\n  manifest: ${ref} # domain\ntransforms:\n  - name: a\n`);
    const parsed = parseProduct(out, "p/floe.yaml");
    expect(parsed.violations.filter((v) => v.path.startsWith("platform"))).toEqual([]);
    expect(parsed.product?.platform).toEqual({ manifest: ref });
  });

  it("drops a stray ref beside manifest, and sets manifest where there was none", () => {
    expect(setPlatformManifest("platform:\n  manifest: x\n  ref: y\n", ref)).toBe(`platform:\n  manifest: ${ref}\n`);
    expect(setPlatformManifest("transforms: []\n", ref)).toBe(`transforms: []\nplatform:\n  manifest: ${ref}\n`);
  });
});

describe("editApprovedProducts", () => {
  it("quotes a product name YAML 1.1 would read as something else", () => {
    const out = editApprovedProducts("approved_products:\n  - a\n", "yes", "add")!;
    expect(out).toContain('- "yes"');
  });
});

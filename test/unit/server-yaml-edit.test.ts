import { describe, expect, it } from "vitest";
import { parseProduct } from "../../lib/manifest/parse";
import { editApprovedProducts, setPlatformManifest, addToWhitelist, rebasedDraft } from "../../lib/yaml/edit";

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

describe("addToWhitelist", () => {
  const enterprise = "approved_plugins:\n  compute: [duckdb, snowflake]  # light and heavy\n  # catalogs\n  catalog: [polaris]\n";
  it("adds to the one list, keeping its flow style, spacing and the comments", () => {
    // Written as every edit writes (YAML11_OUTPUT): the lists the author wrote [a, b] stay unpadded.
    expect(addToWhitelist(enterprise, "compute", "trino")).toBe("approved_plugins:\n  compute: [duckdb, snowflake, trino] # light and heavy\n  # catalogs\n  catalog: [polaris]\n");
  });
  it("creates a missing category and leaves an existing entry alone", () => {
    expect(addToWhitelist(enterprise, "storage", "s3")).toContain("storage: [s3]");
    expect(addToWhitelist(enterprise, "catalog", "polaris")).toContain("catalog: [polaris]");
    expect(addToWhitelist("a: [", "compute", "x")).toBeNull();
  });
});

describe("rebasedDraft", () => {
  const published = { yaml: "metadata:\n  version: 1.1.0\nparent_manifest: e:2\napproved_products: [a, b]\n", version: "1.1.0", parentRef: "e:2" };
  it("a draft without edits becomes the new published text", () => {
    expect(rebasedDraft("metadata:\n  version: 1.0.0\n", "metadata:\n  version: 1.0.0\n", published)).toBe(published.yaml);
  });
  it("a draft with edits keeps them, gets the edit, and names the new version and parent (no version going backwards)", () => {
    const draft = "# mine\nmetadata:\n  version: 1.0.0\nparent_manifest: e:1\napproved_products: [a]\nretention: 90 # edited\n";
    const out = rebasedDraft(draft, "metadata:\n  version: 1.0.0\n", published, (t) => editApprovedProducts(t, "b", "add"));
    expect(out).toContain("# mine");
    expect(out).toContain("version: 1.1.0");
    expect(out).toContain("parent_manifest: e:2");
    expect(out).toContain("retention: 90 # edited");
    expect(out).toMatch(/approved_products: \[ ?a, b ?\]/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agreement, refOfRegistryPath } from "./agreement";

const name = fc.stringMatching(/^[a-z]([a-z0-9-]{0,6}[a-z0-9])?$/);
const version = fc.tuple(fc.nat(9), fc.nat(9), fc.nat(9)).map((v) => v.join("."));
const text = fc.string({ maxLength: 60 }).map((s) => `${s}\n`);
const published = fc.uniqueArray(fc.record({ name, version, yaml: text, pushed: fc.boolean() }), { selector: (v) => `${v.name}:${v.version}`, maxLength: 12 });
const products = fc.uniqueArray(fc.record({ domain: name, name, floeYaml: text }), { selector: (p) => `${p.domain}/${p.name}`, maxLength: 8 });

const versionsOf = (vs: { name: string; version: string; yaml: string; pushed: boolean }[]) =>
  vs.map((v) => ({ name: v.name, version: v.version, ref: `oci://r.example/floe/${v.name}:${v.version}`, yaml: v.yaml, registryDigest: v.pushed ? "sha256:x" : null, pendingPush: false }));
const gitOf = (vs: ReturnType<typeof versionsOf>, ps: { domain: string; name: string; floeYaml: string }[]) =>
  new Map<string, string>([...vs.map((v): [string, string] => [`registry/r.example/floe/${v.name}/${v.version}.yaml`, v.yaml]), ...ps.map((p): [string, string] => [`products/${p.domain}/${p.name}/floe.yaml`, p.floeYaml])]);

describe("git / console / registry agreement (property)", () => {
  it("git holding exactly what the console published agrees everywhere the registry does, with nothing incoming", () => {
    fc.assert(
      fc.property(published, products, fc.boolean(), (vs, ps, registry) => {
        const versions = versionsOf(vs);
        const r = agreement({ gitFiles: gitOf(versions, ps), versions, products: ps, registryConfigured: registry, violationsByPath: new Map() });
        for (const m of r.manifests) {
          expect(m.incoming).toEqual([]);
          expect(m.versions.every((v) => v.git === "same")).toBe(true);
          expect(m.agree).toBe(m.versions.every((v) => v.registry !== "not-pushed"));
        }
        expect(r.products.every((p) => p.git === "same" && p.incoming === null)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("every file only git has, or has differently, is exactly one incoming change", () => {
    fc.assert(
      fc.property(published, products, fc.nat(), text, (vs, ps, pick, other) => {
        const versions = versionsOf(vs);
        const git = gitOf(versions, ps);
        const extra = `registry/r.example/floe/zz-incoming-only/${pick % 10}.0.0.yaml`;
        git.set(extra, other);
        const changed = versions.length ? versions[pick % versions.length] : null;
        if (changed) git.set(`registry/r.example/floe/${changed.name}/${changed.version}.yaml`, changed.yaml + "x\n");
        const r = agreement({ gitFiles: git, versions, products: ps, registryConfigured: false, violationsByPath: new Map() });
        const incoming = r.manifests.flatMap((m) => m.incoming);
        expect(incoming.map((i) => i.path).sort()).toEqual([extra, ...(changed ? [`registry/r.example/floe/${changed.name}/${changed.version}.yaml`] : [])].sort());
        expect(r.manifests.find((m) => m.name === "zz-incoming-only")?.agree).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads registry paths back as references, refusing what is not one", () => {
    expect(refOfRegistryPath("registry/registry.acme.example/floe/sales/1.2.0.yaml")).toBe("oci://registry.acme.example/floe/sales:1.2.0");
    expect(refOfRegistryPath("registry/x.yaml")).toBeNull();
    expect(refOfRegistryPath("registry/h/../../etc/passwd.yaml")).toBeNull();
    expect(refOfRegistryPath("products/sales/x/floe.yaml")).toBeNull();
  });
});

// The parallel `mesh check` (worker threads) against the sequential one on the same organisation:
// the same result, byte for byte; and failures (an unreadable product, a worker that throws or
// exits) reported with their reason instead of a hang or a partial result. Real worker threads,
// started from the real bundle.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../../test/support/examples";
import { directorySource, productFiles, registryRefs } from "../node/org-dir";
import { generateOrganisation } from "../org/generate";
import { ManifestStore } from "../resolve/store";
import { checkOrganisationFiles, type ParallelOptions } from "./check-parallel";

const tmp = mkdtempSync(join(tmpdir(), "mesh-check-parallel-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeOrg(name: string, domains: number, products: number): string {
  const dir = join(tmp, name);
  for (const f of generateOrganisation({ domains, productsPerDomain: products, seed: 11 })) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
  return dir;
}

const run = (dir: string, options: ParallelOptions, refs = registryRefs(dir)) =>
  checkOrganisationFiles(refs, productFiles(dir), new ManifestStore(directorySource(join(dir, "registry"), dir), { today: "2026-06-01" }), { today: "2026-06-01", ...options });

describe("mesh check on worker threads", { timeout: 120_000 }, () => {
  const org = writeOrg("org", 12, 70); // 840 products, planted faults of every domain-level kind

  it("gives the sequential result exactly, with one worker and with three", async () => {
    const sequential = await run(org, { workers: 0 });
    expect(sequential.products).toBe(840);
    expect(sequential.errors).toBeGreaterThan(0);
    for (const workers of [1, 3]) expect(JSON.stringify(await run(org, { workers, threshold: 0 }))).toBe(JSON.stringify(sequential));
  });

  it("resolves on the main thread the products whose platform the workers were not given", async () => {
    // Two domains left out of the listed references: their products' platforms are found by the store alone.
    const refs = registryRefs(org).filter((r) => !/\/(sales|finance):/.test(r));
    const sequential = await run(org, { workers: 0 }, refs);
    expect(JSON.stringify(await run(org, { workers: 2, threshold: 0 }, refs))).toBe(JSON.stringify(sequential));
  });

  it("checks the examples as the sequential check does (comments, shorthand, warnings)", async () => {
    const acme = join(EXAMPLES, "acme");
    expect(JSON.stringify(await run(acme, { workers: 1, threshold: 0 }))).toBe(JSON.stringify(await run(acme, { workers: 0 })));
  });

  it("stays on the main thread by default and below the threshold (no worker started)", async () => {
    let started = 0;
    const worker = async () => {
      started++;
      return { code: "" };
    };
    await run(org, { worker });
    await run(org, { workers: 2, worker });
    expect(started).toBe(0);
  });

  it("fails with the reader's message when a product cannot be read, as the sequential check does", async () => {
    const broken = writeOrg("unreadable", 4, 30);
    const missing = join(broken, "products", "zz-gone", "floe.yaml");
    mkdirSync(dirname(missing), { recursive: true });
    symlinkSync(join(broken, "nowhere.yaml"), missing);
    const message = `cannot read ${missing}: no such file`;
    await expect(run(broken, { workers: 0 })).rejects.toThrow(message);
    await expect(run(broken, { workers: 2, threshold: 0 })).rejects.toThrow(message);
  });

  it("fails with the reason when a worker throws or exits, and does not hang", async () => {
    await expect(run(org, { workers: 2, threshold: 0, worker: async () => ({ code: `throw new Error("boom")` }) })).rejects.toThrow("a worker thread of the check failed: boom");
    await expect(run(org, { workers: 1, threshold: 0, worker: async () => ({ code: `process.exit(3)` }) })).rejects.toThrow("a worker thread of the check stopped before the end (exit code 3)");
    await expect(run(org, { workers: 1, threshold: 0, worker: async () => Promise.reject(new Error("no bundle")) })).rejects.toThrow("cannot start the check's worker threads: no bundle");
  });

  it("mesh check prints the same report with MESH_CHECK_WORKERS=2 as with 0, in every format; a bad value is a usage error", async () => {
    const mesh = (env: string, ...args: string[]) =>
      promisify(execFile)(process.execPath, [resolve(EXAMPLES, "../bin/mesh.mjs"), "check", org, ...args], { env: { ...process.env, MESH_CHECK_WORKERS: env }, maxBuffer: 1 << 26 }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    for (const format of ["text", "sarif"]) {
      const [alone, parallel] = [await mesh("0", "--format", format), await mesh("2", "--format", format)];
      expect(alone.code).toBe(1);
      expect(parallel).toEqual(alone);
    }
    expect(await mesh("lots")).toMatchObject({ code: 2, stderr: "mesh check: MESH_CHECK_WORKERS must be a whole number from 0 to 64, got lots\n" });
  });
});

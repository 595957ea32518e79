import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import Ajv from "ajv-draft-04";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EXAMPLES } from "../../test/support/examples";
import { runMesh } from "../../test/support/run-mesh";
import { main } from "./mesh";

const run = runMesh;
const tmp = mkdtempSync(join(tmpdir(), "mesh-impact-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=CI", "-c", "user.email=ci@acme.example", ...args], { cwd, encoding: "utf8" });
const ENTERPRISE = "registry/registry.acme.example/floe/acme-enterprise/1.0.0.yaml";
const SALES = "registry/registry.acme.example/floe/sales/1.0.0.yaml";

/** A pull request on a real git repository: base commit = examples/acme, head commit narrows the compute whitelist. */
const repo = join(tmp, "repo");
const base = join(tmp, "base");
const head = join(tmp, "head");
beforeAll(() => {
  cpSync(join(EXAMPLES, "acme"), repo, { recursive: true });
  git(repo, "init", "-q", "-b", "main");
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "base");
  const enterprise = readFileSync(join(repo, ENTERPRISE), "utf8");
  writeFileSync(join(repo, ENTERPRISE), enterprise.replace("compute: [duckdb, snowflake]", "compute: [duckdb]"));
  writeFileSync(join(repo, SALES), readFileSync(join(repo, SALES), "utf8").replace("data_retention_days: 90", "data_retention_days: 120"));
  git(repo, "commit", "-q", "-am", "narrow compute whitelist");
  // What a CI job does: check out both commits of the pull request.
  for (const [dir, rev] of [[base, "HEAD~1"], [head, "HEAD"]]) {
    mkdirSync(dir);
    execFileSync("sh", ["-c", 'git archive "$1" | tar -x -C "$2"', "sh", rev, dir], { cwd: repo });
  }
});

// Each case spawns the real CLI; allow for a busy machine.
describe("mesh impact on two git commits", { timeout: 60_000 }, () => {
  it("markdown: what breaks with rule, file:line:col and owners; values before → after; exit 1", async () => {
    const r = await run("impact", base, head, "--format", "markdown");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^### ❌ mesh impact$/m);
    expect(r.stdout).toMatch(/3 domains and 9 products change; 8 would break\./);
    expect(r.stdout).toContain(`| domain | sales | sales-data@acme.example | <code>PLUGIN_NOT_APPROVED</code> | <code>${SALES}:15:11</code> |`);
    expect(r.stdout).toContain("| product | sales-forecast | revops@acme.example, sales-data@acme.example | <code>governance.data_retention_days</code> | <code>90</code> | <code>120</code> |");
  });

  it("json: the report object; text: one line per value", async () => {
    const j = await run("impact", base, head, "--format", "json");
    expect(j.code).toBe(1);
    const report = JSON.parse(j.stdout);
    expect(Object.keys(report)).toEqual(["broken", "changed", "fixed", "removed"]);
    expect(report.broken.map((e: { name: string }) => e.name).sort()).toEqual(["cash-forecast", "cost-allocation", "customer-360", "finance", "pipeline-health", "revenue-recognition", "sales", "sales-forecast"]);
    const sales = report.changed.find((e: { kind: string; name: string }) => e.kind === "domain" && e.name === "sales");
    expect(sales.values).toContainEqual({ path: "plugins.compute.type", before: "snowflake", after: "duckdb" });
    const t = await run("impact", base, head);
    expect(t.stdout).toContain("    governance.data_retention_days: 90 -> 120\n");
  });

  it("exit 0 when nothing breaks (reverse direction fixes), and for identical trees", async () => {
    const back = await run("impact", head, base, "--format", "json");
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout).fixed.length).toBe(8);
    const same = await run("impact", "examples/acme", base);
    expect(same).toMatchObject({ code: 0, stdout: "mesh impact: 0 domains and 0 products change; 0 would break\n" });
  });

  it("check --format sarif on the head commit: schema-valid, the finding at its file, line, column; junit on the base: all pass", async () => {
    const sarif = await run("check", head, "--format", "sarif");
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    const schema = JSON.parse(readFileSync(join(EXAMPLES, "../test/fixtures/sarif/sarif-schema-2.1.0.json"), "utf8"));
    expect(new Ajv({ strict: false }).validate(schema, log)).toBe(true);
    expect(log.runs[0].results).toContainEqual(
      expect.objectContaining({ ruleId: "PLUGIN_NOT_APPROVED", level: "error", locations: [{ physicalLocation: { artifactLocation: { uri: relative(resolve(EXAMPLES, ".."), join(head, SALES)) }, region: { startLine: 15, startColumn: 11 } } }] }),
    );
    const junit = await run("check", base, "--format", "junit");
    expect(junit.code).toBe(0);
    expect(junit.stdout).toMatch(/<testsuites name="mesh check" tests="13" failures="0" errors="0">/);
    expect((await run("check", base, "--format", "xml")).code).toBe(2);
  });

  it("usage errors exit 2 with one clear line", async () => {
    expect(await run("impact", base)).toMatchObject({ code: 2, stderr: "mesh impact: usage: mesh impact BASE_DIR HEAD_DIR [--format text|markdown|json]\n" });
    // The same entry point in-process (a spawn costs seconds on a busy machine).
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    try {
      expect(await main(["impact", base, join(tmp, "nope")])).toBe(2);
      expect(await main(["impact", base, EXAMPLES])).toBe(2);
      expect(await main(["impact", base, head, "--format", "xml"])).toBe(2);
      expect(await main(["impact", base, head, "extra"])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toEqual([
      `mesh impact: organisation directory ${join(tmp, "nope")} does not exist\n`,
      `mesh impact: ${EXAMPLES} is not an organisation directory (expected ${join(EXAMPLES, "registry")})\n`,
      "mesh impact: --format must be one of text, markdown, json, got xml\n",
      "mesh impact: usage: mesh impact BASE_DIR HEAD_DIR [--format text|markdown|json]\n",
    ]);
  });
});

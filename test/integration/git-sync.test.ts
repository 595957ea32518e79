// Git sync against real git: a bare repository on local disk as the remote, a second clone that
// pushes concurrently, a remote that is down, a push the remote refuses. Real database, real services.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gitConfig, type GitConfig } from "../../server/git/config";
import { fetchRemote, gitStatus } from "../../server/git/incoming";
import { drainGitOutbox } from "../../server/git/sync";
import { gitWebhook } from "../../server/git/webhook";
import { createHmac } from "node:crypto";
import { InjectedFault } from "../../server/services/errors";
import { publishManifest } from "../../server/services/publish-manifest";
import { removeProduct } from "../../server/services/remove-product";
import { approveRequest } from "../../server/services/requests";
import { saveDraft } from "../../server/services/save-draft";
import { SALES_OWNER, seededOrg, type SeededOrg } from "./services-setup";

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=Other", "-c", "user.email=other@acme.example", ...args], { cwd, encoding: "utf8" }).trim();

let org: SeededOrg;
let tmp: string;
let remote: string;
let config: GitConfig;
const saved = { ...process.env };

beforeEach(async () => {
  tmp = mkdtempSync(join(tmpdir(), "mesh-git-"));
  remote = join(tmp, "remote.git");
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", remote]);
  process.env.MESH_GIT_REMOTE = remote;
  process.env.MESH_GIT_PATH = "org";
  process.env.MESH_GIT_WORKDIR = join(tmp, "work");
  config = gitConfig()!;
  org = await seededOrg();
});
afterEach(async () => {
  await org.close();
  process.env = { ...saved };
  rmSync(tmp, { recursive: true, force: true });
});

async function publishSales(retention: number, message = "Sales keeps two quarters") {
  const m = await org.db.manifest.findFirstOrThrow({ where: { name: "sales" } });
  const actor = await org.actor(SALES_OWNER);
  const { revision } = await saveDraft({ db: org.db, actor, input: { name: "sales", yaml: m.draftYaml.replace(/data_retention_days: \d+/, `data_retention_days: ${retention}`), baseRevision: m.draftRevision } });
  return publishManifest({ db: org.db, actor, input: { name: "sales", baseRevision: revision, message } });
}

const clone = (name: string) => {
  const dir = join(tmp, name);
  execFileSync("git", ["clone", "-q", "-b", "main", remote, dir]);
  return dir;
};
const remoteLog = () => git(remote, "log", "--format=%an <%ae>|%s", "main").split("\n");

describe("git sync: publishing", () => {
  it("a publish becomes one commit by the person, with the message, a tag, in the mesh check layout", async () => {
    const published = await publishSales(180);
    expect(await org.db.gitOutbox.count({ where: { status: "pending" } })).toBe(1);
    expect(await drainGitOutbox(org.db, config)).toEqual({ pushed: 1 });
    expect(remoteLog()).toEqual(["Sam Ortega <sales-owner@acme.example>|Sales keeps two quarters"]);
    expect(git(remote, "log", "-1", "--format=%B", "main")).toContain(`Mesh-Action: manifest.publish\nMesh-Ref: ${published.ref}`);
    expect(git(remote, "tag", "--list")).toBe("sales@1.1.0");
    const dir = clone("reader");
    expect(readFileSync(join(dir, "org/registry/registry.acme.example/floe/sales/1.1.0.yaml"), "utf8")).toMatch(/data_retention_days: 180/);
    // The whole published tree is there, so `mesh check` runs on the clone.
    execFileSync(process.execPath, [join(process.cwd(), "bin/mesh.mjs"), "check", join(dir, "org")], { encoding: "utf8" });
    const row = await org.db.gitOutbox.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pushed", commitSha: git(remote, "rev-parse", "main") });
    // Drained twice: nothing more.
    expect(await drainGitOutbox(org.db, config)).toEqual({ pushed: 0 });
  });

  it("approval and removal are commits too; a removed product's floe.yaml leaves the repository", async () => {
    const request = await org.db.registrationRequest.findFirstOrThrow({ where: { status: "pending", product: { name: "churn-signals" } }, include: { product: true } });
    const owner = await org.actor(SALES_OWNER);
    await approveRequest({ db: org.db, actor: owner, input: { id: request.id, revision: request.product.revision } });
    await removeProduct({ db: org.db, actor: owner, input: { name: "pipeline-health", reason: "replaced by churn-signals" } });
    expect(await drainGitOutbox(org.db, config)).toEqual({ pushed: 2 });
    expect(remoteLog()).toHaveLength(2);
    expect(git(remote, "tag", "--list").split("\n")).toEqual(["sales@1.1.0", "sales@1.2.0"]);
    const files = git(remote, "ls-tree", "-r", "--name-only", "main", "org/products/sales").split("\n");
    expect(files).toContain("org/products/sales/churn-signals/floe.yaml");
    expect(files).not.toContain("org/products/sales/pipeline-health/floe.yaml");
    expect(git(remote, "log", "-1", "--format=%B", "main")).toContain("replaced by churn-signals");
  });

  it("a rolled-back publish writes no outbox row (same transaction)", async () => {
    const m = await org.db.manifest.findFirstOrThrow({ where: { name: "sales" } });
    const actor = await org.actor(SALES_OWNER);
    const { revision } = await saveDraft({ db: org.db, actor, input: { name: "sales", yaml: m.draftYaml.replace(/data_retention_days: \d+/, "data_retention_days: 200"), baseRevision: m.draftRevision } });
    await expect(publishManifest({ db: org.db, actor, input: { name: "sales", baseRevision: revision, message: "x" }, fault: "version-insert" })).rejects.toBeInstanceOf(InjectedFault);
    expect(await org.db.gitOutbox.count()).toBe(0);
  });

  it("a second clone pushes while we push: our push is refused, redone on top of the new head, nothing forced", async () => {
    await publishSales(180);
    await drainGitOutbox(org.db, config);
    const other = clone("other");
    await publishSales(365, "Sales keeps a year");
    let raced = 0;
    const result = await drainGitOutbox(org.db, config, {
      beforePush: async () => {
        if (raced++) return;
        writeFileSync(join(other, "NOTES.md"), "pushed by someone else\n");
        git(other, "add", "NOTES.md");
        git(other, "commit", "-qm", "notes");
        git(other, "push", "-q", "origin", "main");
      },
    });
    expect(result).toEqual({ pushed: 1 });
    expect(raced).toBe(2);
    expect(remoteLog().map((l) => l.split("|")[1])).toEqual(["Sales keeps a year", "notes", "Sales keeps two quarters"]);
    expect(git(remote, "show", "main:NOTES.md")).toBe("pushed by someone else");
  });

  it("a remote that is down: the publish succeeds, the commit waits and is pushed once the remote is back", async () => {
    rmSync(remote, { recursive: true });
    const published = await publishSales(180);
    expect(published.version).toBe("1.1.0");
    const failed = await drainGitOutbox(org.db, config);
    expect(failed.pushed).toBe(0);
    expect(failed.stopped).toMatch(/git ls-remote: .*(does not appear to be a git repository|not found|No such)/i);
    const row = await org.db.gitOutbox.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    const status = await gitStatus(org.db, config);
    expect(status).toMatchObject({ configured: true, outbox: { pending: 1 }, remoteError: expect.stringMatching(/ls-remote/) });
    // Back up; the retry time comes.
    execFileSync("git", ["init", "-q", "--bare", "-b", "main", remote]);
    await org.db.gitOutbox.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    expect(await drainGitOutbox(org.db, config)).toEqual({ pushed: 1 });
    expect(await gitStatus(org.db, config)).toMatchObject({ remoteError: null });
  });

  it("a push the remote refuses (a hook) stays pending with the remote's reason, and is never forced", async () => {
    const hook = join(remote, "hooks", "pre-receive");
    writeFileSync(hook, "#!/bin/sh\necho 'branch protected: ask the platform team' >&2\nexit 1\n");
    chmodSync(hook, 0o755);
    await publishSales(180);
    const result = await drainGitOutbox(org.db, config);
    expect(result.pushed).toBe(0);
    expect(result.stopped).toMatch(/branch protected: ask the platform team|pre-receive hook declined/);
    expect(git(remote, "for-each-ref")).toBe("");
    rmSync(hook);
    await org.db.gitOutbox.updateMany({ data: { nextAttemptAt: new Date() } });
    expect(await drainGitOutbox(org.db, config)).toEqual({ pushed: 1 });
  });
});

describe("git sync: incoming commits and agreement", () => {
  it("a commit pushed by someone else shows as an incoming change, validated, and changes nothing in the console", async () => {
    await publishSales(180);
    await drainGitOutbox(org.db, config);
    const other = clone("other");
    const dir = join(other, "org/registry/registry.acme.example/floe/sales");
    writeFileSync(join(dir, "1.2.0.yaml"), readFileSync(join(dir, "1.1.0.yaml"), "utf8").replace("version: 1.1.0", "version: 1.2.0").replace(/type: snowflake/, "type: spark"));
    git(other, "add", "-A");
    git(other, "commit", "-qm", "sales on spark");
    git(other, "push", "-q", "origin", "main");
    const versionsBefore = await org.db.manifestVersion.count();

    expect(await fetchRemote(org.db, config)).toMatchObject({ ok: true, head: git(remote, "rev-parse", "main") });
    const status = await gitStatus(org.db, config);
    if (!status.configured) throw new Error("configured");
    const sales = status.manifests.find((m) => m.name === "sales")!;
    expect(sales.agree).toBe(false);
    expect(sales.versions.map((v) => [v.version, v.git])).toEqual([["1.0.0", "same"], ["1.1.0", "same"]]);
    expect(sales.incoming).toEqual([expect.objectContaining({ key: "oci://registry.acme.example/floe/sales:1.2.0", kind: "new", violations: [expect.objectContaining({ code: "PLUGIN_NOT_APPROVED" })] })]);
    expect(status.manifests.find((m) => m.name === "finance")).toMatchObject({ agree: true, incoming: [] });
    expect(await org.db.manifestVersion.count()).toBe(versionsBefore);
  });

  it("status before any push: every version not in git; a remote that cannot be reached is a recorded error, not a throw", async () => {
    const status = await gitStatus(org.db, config);
    if (!status.configured) throw new Error("configured");
    expect(status.manifests.every((m) => !m.agree && m.versions.every((v) => v.git === "not-in-git"))).toBe(true);
    rmSync(remote, { recursive: true });
    const fetched = await fetchRemote(org.db, config);
    expect(fetched).toMatchObject({ ok: false, error: expect.stringMatching(/ls-remote/) });
    expect((await gitStatus(org.db, config)).configured).toBe(true);
  });
});

describe("git sync: webhook", () => {
  const SECRET = "s3cret-webhook-value";
  const call = (body: string, headers: Record<string, string>) => gitWebhook(new Request("http://mesh.test/api/git/webhook", { method: "POST", body, headers }), org.db);

  it("refuses a wrong or missing signature (401) and answers 404 while no secret is configured; a signed call fetches", async () => {
    expect((await call("{}", {})).status).toBe(404);
    process.env.MESH_GIT_WEBHOOK_SECRET = SECRET;
    const bad = await call("{}", { "x-hub-signature-256": "sha256=" + "0".repeat(64) });
    expect([bad.status, (await bad.json()).error.code]).toEqual([401, "BAD_SIGNATURE"]);
    expect((await call("{}", { "x-gitlab-token": "wrong" })).status).toBe(401);
    expect((await call("{}", {})).status).toBe(401);
    expect(await org.db.gitRemoteState.count()).toBe(0);
    const body = JSON.stringify({ ref: "refs/heads/main" });
    const ok = await call(body, { "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}` });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ fetched: true, head: null, error: null });
    // The remote down: still an answer, not a 500.
    rmSync(remote, { recursive: true });
    const down = await call("{}", { "x-gitlab-token": SECRET });
    expect(down.status).toBe(200);
    expect(await down.json()).toMatchObject({ fetched: false, error: expect.stringMatching(/ls-remote/) });
  });
});

describe("git sync: configuration", () => {
  it("refuses bad settings with one message naming the variable", () => {
    const bad = (env: Record<string, string>) => () => gitConfig({ MESH_GIT_REMOTE: remote, ...env } as unknown as NodeJS.ProcessEnv);
    expect(bad({ MESH_GIT_REMOTE: "not a url" })).toThrow(/^MESH_GIT_REMOTE must be/);
    expect(bad({ MESH_GIT_REMOTE: "https://user:pw@git.example/org.git" })).toThrow(/must not carry credentials/);
    expect(bad({ MESH_GIT_REMOTE: "--upload-pack=touch /tmp/x" })).toThrow(/^MESH_GIT_REMOTE must be/);
    expect(bad({ MESH_GIT_BRANCH: "main..x" })).toThrow(/^MESH_GIT_BRANCH/);
    expect(bad({ MESH_GIT_PATH: "../outside" })).toThrow(/^MESH_GIT_PATH/);
    expect(bad({ MESH_GIT_USERNAME: "bot" })).toThrow(/go together/);
    expect(bad({ MESH_GIT_WEBHOOK_SECRET: "short" })).toThrow(/at least 16/);
    expect(gitConfig({} as unknown as NodeJS.ProcessEnv)).toBeNull();
  });
});

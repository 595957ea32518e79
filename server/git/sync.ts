// Drains the git outbox after the publishing transaction committed: one commit per published
// version (author = the person, message = publish message and reason, a tag per version), pushed
// at once. A push refused because the branch moved is redone on top of the new head; never forced.
// Any instance may drain: the oldest pending row is leased in the database, rows go strictly in order.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { maskSecretsInYaml } from "../../lib/manifest/secrets";
import { parseOciRef, refToRelativePath } from "../../lib/refs";
import type { Db } from "../db/client";
import { gitConfig, remoteStateId, type GitConfig } from "./config";
import { GitError } from "./git";
import { resetToRemote, serialised } from "./worktree";

const LEASE_MS = 5 * 60_000;
const PUSH_ATTEMPTS = 5;

/**
 * The repository as of one version: every manifest version published up to it, and every approved
 * product's floe.yaml (a removed one deleted). Rewriting the whole published tree makes each commit
 * idempotent and fills a fresh repository; only files the console knows are touched.
 */
async function filesOf(db: Db, versionId: string) {
  const v = await db.manifestVersion.findUniqueOrThrow({ where: { id: versionId }, include: { manifest: { select: { name: true } } } });
  const files = new Map<string, string | null>();
  const versions = await db.manifestVersion.findMany({ where: { publishedAt: { lte: v.publishedAt } }, select: { ref: true, yaml: true } });
  for (const version of [...versions, v]) {
    const ref = parseOciRef(version.ref);
    if (ref) files.set(`registry/${refToRelativePath(ref)}`, maskSecretsInYaml(version.yaml));
  }
  const products = await db.product.findMany({ where: { status: { in: ["approved", "removed"] } }, select: { name: true, status: true, floeYaml: true, domain: { select: { name: true } } } });
  for (const p of products) files.set(`products/${p.domain.name}/${p.name}/floe.yaml`, p.status === "approved" ? maskSecretsInYaml(p.floeYaml) : null);
  return { files, tag: `${v.manifest.name}@${v.version}` };
}

const identity = (s: string) => s.replace(/[<>\n\r\0]/g, " ").trim() || "unknown";

/** Commits the row's version on the remote's current head and pushes; redone on a moved branch. Returns the commit. */
async function commitAndPush(db: Db, c: GitConfig, row: { versionId: string; authorName: string; authorEmail: string; message: string }, beforePush?: () => Promise<void>): Promise<string> {
  const { files, tag } = await filesOf(db, row.versionId);
  for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
    const { git, dir } = await resetToRemote(c);
    const root = join(dir, c.path);
    for (const [path, text] of files) {
      const file = join(root, path);
      if (text === null) rmSync(file, { force: true });
      else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    }
    await git(["add", "-A", "--", c.path || "."]);
    const tagExists = (await git(["rev-parse", "-q", "--verify", `refs/tags/${tag}`], { allowFail: true })).code === 0;
    const staged = (await git(["diff", "--cached", "--quiet"], { allowFail: true })).code !== 0;
    // Already there (another instance pushed it, or a retry after a lost answer): nothing to add.
    if (!staged && tagExists) return (await git(["rev-parse", "HEAD"])).stdout.trim();
    if (staged) await git(["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", `--author=${identity(row.authorName)} <${identity(row.authorEmail)}>`, "--file=-"], { input: row.message });
    const refs = [`HEAD:refs/heads/${c.branch}`];
    if (!tagExists) {
      await git(["tag", "-f", tag, "HEAD"]);
      refs.push(`refs/tags/${tag}`);
    }
    try {
      await beforePush?.();
      await git(["push", "--atomic", "--porcelain", "origin", ...refs]);
      return (await git(["rev-parse", "HEAD"])).stdout.trim();
    } catch (e) {
      if (!(e instanceof GitError && e.rejected) || attempt === PUSH_ATTEMPTS) throw e;
      // The branch moved: drop our local tag and commit, fetch the new head, do it again on top.
      await git(["tag", "-d", tag], { allowFail: true });
    }
  }
  throw new Error("unreachable");
}

export interface DrainResult {
  pushed: number;
  /** Why the drain stopped early (remote down, lease held elsewhere, waiting for a retry), if it did. */
  stopped?: string;
}

const backoffMs = (attempts: number) => Math.min(5 * 60_000, 2_000 * 2 ** Math.min(attempts, 10));

/** Pushes pending commits in publication order until none is left or one fails (it is retried later, with backoff). */
export function drainGitOutbox(db: Db, c: GitConfig | null = gitConfig(), options: { beforePush?: () => Promise<void> } = {}): Promise<DrainResult> {
  if (!c) return Promise.resolve({ pushed: 0, stopped: "git sync is not configured" });
  return serialised(async () => {
    let pushed = 0;
    for (;;) {
      const row = await db.gitOutbox.findFirst({ where: { status: "pending" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      if (!row) return { pushed };
      const now = new Date();
      if (row.nextAttemptAt > now) return { pushed, stopped: `waiting to retry until ${row.nextAttemptAt.toISOString()}: ${row.lastError}` };
      const { count } = await db.gitOutbox.updateMany({
        where: { id: row.id, status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
      });
      if (count === 0) return { pushed, stopped: "another instance is pushing" };
      try {
        const sha = await commitAndPush(db, c, row, options.beforePush);
        await db.gitOutbox.update({ where: { id: row.id }, data: { status: "pushed", commitSha: sha, pushedAt: new Date(), leaseUntil: null, lastError: null } });
        await recordRemote(db, c, { fetchError: null });
        pushed++;
      } catch (e) {
        const message = (e as Error).message.slice(0, 1000);
        await db.gitOutbox.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(row.attempts)), leaseUntil: null } });
        await recordRemote(db, c, { fetchError: message });
        return { pushed, stopped: message };
      }
    }
  });
}

/** What this instance last learned about the remote, for every instance's status page. */
export async function recordRemote(db: Db, c: GitConfig, data: { headSha?: string | null; fetchedAt?: Date; fetchError: string | null }) {
  const id = remoteStateId(c);
  await db.gitRemoteState.upsert({ where: { id }, create: { id, ...data }, update: data });
}

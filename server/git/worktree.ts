// This instance's working clone of the remote (a cache under MESH_GIT_WORKDIR; deleting it loses
// nothing): created on first use, always reset to the remote's branch before anything is written.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { GitConfig } from "./config";
import { gitIn, type Git } from "./git";

export interface Clone {
  git: Git;
  dir: string;
  /** The remote branch's head after the fetch, or null when the branch does not exist yet (empty remote). */
  head: string | null;
}

const remoteRef = (c: GitConfig) => `refs/remotes/origin/${c.branch}`;

/** One git operation at a time per working clone in this process (a drain and a fetch would trip over each other). */
let queue: Promise<unknown> = Promise.resolve();
export function serialised<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => {});
  return run;
}

export async function openClone(c: GitConfig): Promise<Git> {
  const dir = join(c.workdir, "repo");
  mkdirSync(dir, { recursive: true });
  const git = gitIn(dir, c);
  if ((await git(["rev-parse", "--git-dir"], { allowFail: true })).code !== 0) await git(["init", "-q"]);
  const current = await git(["remote", "get-url", "origin"], { allowFail: true });
  if (current.code !== 0) await git(["remote", "add", "origin", c.remote]);
  else if (current.stdout.trim() !== c.remote) await git(["remote", "set-url", "origin", c.remote]);
  return git;
}

/** Fetches the branch and its tags; null head when the remote has no such branch yet. */
export async function fetchBranch(git: Git, c: GitConfig): Promise<string | null> {
  const listed = await git(["ls-remote", "--heads", "origin", `refs/heads/${c.branch}`]);
  if (!listed.stdout.trim()) {
    await git(["update-ref", "-d", remoteRef(c)], { allowFail: true });
    return null;
  }
  await git(["fetch", "-q", "--prune", "--no-tags", "origin", `+refs/heads/${c.branch}:${remoteRef(c)}`, "+refs/tags/*:refs/tags/*"]);
  return (await git(["rev-parse", remoteRef(c)])).stdout.trim();
}

/** A clean work tree at the remote's head (or an empty unborn branch). */
export async function resetToRemote(c: GitConfig): Promise<Clone> {
  const git = await openClone(c);
  const head = await fetchBranch(git, c);
  if (head) {
    await git(["checkout", "-q", "-f", "-B", c.branch, head]);
    await git(["reset", "-q", "--hard", head]);
  } else {
    await git(["symbolic-ref", "HEAD", `refs/heads/${c.branch}`]);
    await git(["update-ref", "-d", `refs/heads/${c.branch}`], { allowFail: true });
    await git(["rm", "-rqf", "--cached", "--ignore-unmatch", "."]);
  }
  await git(["clean", "-qfdx"]);
  return { git, dir: join(c.workdir, "repo"), head };
}

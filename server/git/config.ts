// The git repository the console keeps in step with what it publishes, from the environment.
// Unset MESH_GIT_REMOTE = no git sync. Anything set but wrong stops the start (server/startup.ts).
import { isAbsolute, join, normalize, resolve } from "node:path";

export interface GitConfig {
  remote: string;
  branch: string;
  /** Folder inside the repository holding `registry/` and `products/` ("" = the root). */
  path: string;
  /** Where this instance keeps its working clone (a cache: deleting it loses nothing). */
  workdir: string;
  username?: string;
  password?: string;
  sshKey?: string;
  committer: { name: string; email: string };
  /** Shared secret for POST /api/git/webhook (HMAC-SHA256, GitHub's and Gitea's X-Hub-Signature-256). */
  webhookSecret?: string;
  fetchIntervalSeconds: number;
}

const REMOTE = /^(?:(?:https?|ssh|git|file):\/\/[^\s]+|[\w.-]+@[\w.-]+:[^\s]+|\/[^\s]*)$/;
// git check-ref-format's rules, short form: no "..", "@{", control characters, space, ~^:?*[\ or a leading "-".
const BRANCH = /^(?!-)(?!.*\.\.)(?!.*@\{)(?!.*\/\/)(?!\/)(?!.*\/$)(?!.*\.lock$)[^\s~^:?*[\\\x00-\x1f\x7f]+$/;

/** Throws one message naming the variable when the configuration is unusable. */
export function gitConfig(env: NodeJS.ProcessEnv = process.env): GitConfig | null {
  const remote = env.MESH_GIT_REMOTE?.trim();
  if (!remote) return null;
  if (!REMOTE.test(remote) || remote.startsWith("-")) throw new Error(`MESH_GIT_REMOTE must be an https://, ssh://, git://, file:// URL, user@host:path or an absolute path; got '${remote}'`);
  if (/^https?:\/\/[^/]*@/.test(remote)) throw new Error("MESH_GIT_REMOTE must not carry credentials: use MESH_GIT_USERNAME and MESH_GIT_PASSWORD");
  if (/^https?:\/\//.test(remote)) {
    try {
      new URL(remote);
    } catch {
      throw new Error(`MESH_GIT_REMOTE is not a valid URL: '${remote}'`);
    }
  }
  const branch = env.MESH_GIT_BRANCH?.trim() || "main";
  if (!BRANCH.test(branch)) throw new Error(`MESH_GIT_BRANCH is not a valid branch name: '${branch}'`);
  const rawPath = (env.MESH_GIT_PATH ?? "").trim().replace(/^\/+|\/+$/g, "");
  const path = rawPath ? normalize(rawPath) : "";
  if (path && (isAbsolute(path) || path === ".." || path.startsWith("../") || path.split("/").includes(".git"))) throw new Error(`MESH_GIT_PATH must be a folder inside the repository; got '${env.MESH_GIT_PATH}'`);
  if (Boolean(env.MESH_GIT_USERNAME) !== Boolean(env.MESH_GIT_PASSWORD)) throw new Error("MESH_GIT_USERNAME and MESH_GIT_PASSWORD go together");
  const interval = Number(env.MESH_GIT_FETCH_INTERVAL_SECONDS ?? 60);
  if (!Number.isInteger(interval) || interval < 5) throw new Error(`MESH_GIT_FETCH_INTERVAL_SECONDS must be an integer of at least 5; got '${env.MESH_GIT_FETCH_INTERVAL_SECONDS}'`);
  if (env.MESH_GIT_WEBHOOK_SECRET !== undefined && env.MESH_GIT_WEBHOOK_SECRET.length < 16) throw new Error("MESH_GIT_WEBHOOK_SECRET must have at least 16 characters");
  return {
    remote,
    branch,
    path: path === "." ? "" : path,
    workdir: resolve(env.MESH_GIT_WORKDIR || join(env.MESH_DATA_DIR || "./data", "git")),
    username: env.MESH_GIT_USERNAME || undefined,
    password: env.MESH_GIT_PASSWORD || undefined,
    sshKey: env.MESH_GIT_SSH_KEY || undefined,
    committer: { name: env.MESH_GIT_COMMITTER_NAME || "Mesh Console", email: env.MESH_GIT_COMMITTER_EMAIL || "mesh-console@localhost" },
    webhookSecret: env.MESH_GIT_WEBHOOK_SECRET || undefined,
    fetchIntervalSeconds: interval,
  };
}

/** The row of GitRemoteState for this remote and branch. */
export const remoteStateId = (c: GitConfig) => `${c.remote}#${c.branch}`;

// The git CLI (Debian's), run with argument arrays (never a shell), no prompts, credentials passed
// through the environment (never on the command line, where `ps` would show them).
import { execFile } from "node:child_process";
import type { GitConfig } from "./config";

export class GitError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
  /** The remote refused because the branch moved (a push to retry on top of the new head); `--porcelain` reports it on stdout. */
  get rejected() {
    return /\[rejected\]|non-fast-forward|fetch first|\(stale info\)|cannot lock ref/i.test(this.output);
  }
}

function envFor(c: GitConfig): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: "C",
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_COMMITTER_NAME: c.committer.name,
    GIT_COMMITTER_EMAIL: c.committer.email,
    GIT_SSH_COMMAND: c.sshKey ? `ssh -i '${c.sshKey.replace(/'/g, "'\\''")}' -o IdentitiesOnly=yes -o BatchMode=yes` : "ssh -o BatchMode=yes",
  };
  const config: [string, string][] = [["protocol.ext.allow", "never"]];
  if (c.username && c.password) config.push(["http.extraHeader", `Authorization: Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`]);
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  return env;
}

export type Git = (args: string[], options?: { input?: string; allowFail?: boolean }) => Promise<{ stdout: string; code: number }>;

/** Blobs by object id, read in one `git cat-file --batch` (sizes are bytes, so the output is parsed as bytes). */
export function readBlobs(cwd: string, c: GitConfig, ids: readonly string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = execFile("git", ["cat-file", "--batch"], { cwd, env: envFor(c) as NodeJS.ProcessEnv, timeout: 120_000, maxBuffer: 512 * 1024 * 1024, encoding: "buffer" }, (error: Error | null, stdout: Buffer) => {
      if (error) return reject(new GitError(`git cat-file: ${error.message}`, ""));
      const out = new Map<string, string>();
      let at = 0;
      while (at < stdout.length) {
        const eol = stdout.indexOf(10, at);
        const [id, type, size] = stdout.subarray(at, eol).toString("utf8").split(" ");
        if (type !== "blob") return reject(new GitError(`git cat-file: ${id} is ${type ?? "missing"}`, ""));
        out.set(id, stdout.subarray(eol + 1, eol + 1 + Number(size)).toString("utf8"));
        at = eol + 1 + Number(size) + 1;
      }
      resolve(out);
    });
    child.stdin?.end(ids.map((id) => `${id}\n`).join(""));
  });
}

/** A git runner in `cwd`; a failure throws GitError with git's own message (credentials never in it). */
export function gitIn(cwd: string, c: GitConfig, timeoutMs = 60_000): Git {
  const env = envFor(c);
  return (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = execFile("git", args, { cwd, env: env as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error: (Error & { code?: unknown; killed?: boolean }) | null, stdout: string, stderr: string) => {
        if (!error) return resolve({ stdout, code: 0 });
        const code = typeof error.code === "number" ? error.code : 1;
        if (options.allowFail && !error.killed) return resolve({ stdout, code });
        // git's own reason (its "fatal:"/"error:"/"remote:" lines), without the advice.
        const lines = `${stderr}\n${stdout}`.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("hint:") && !l.startsWith("To ") && l !== "Done");
        const detail = (lines.filter((l) => /^(fatal|error|remote|!)/.test(l)).join(" ") || lines.join(" ") || error.message).slice(0, 500);
        reject(new GitError(`git ${args[0]}: ${error.killed ? "timed out" : detail}`, `${stdout}\n${stderr}`));
      });
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
}

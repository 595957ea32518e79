// Production-mode starts of the built console (`next start`) on embedded data directories: a
// server expected to refuse to start, or one without the demo (no MESH_DEMO, own secret), next to
// the demo servers of ./http-server.ts. Needs a production build (`ensureBuild()`).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuild, freePort } from "./http-server";

export { ensureBuild, freePort };

export const newDataDir = (label: string) => mkdtempSync(join(tmpdir(), `mesh-${label}-`));
export const removeDataDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/**
 * The environment of a server or script on the embedded default in `dataDir`: the caller's
 * process environment without the suite's demo switch, secret or database, plus `extra`.
 * A key set to undefined in `extra` stays unset.
 */
export function embeddedEnv(dataDir: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, MESH_DEMO: _demo, BETTER_AUTH_SECRET: _secret, AUTH_RATE_LIMIT: _limit, ...rest } = process.env;
  const env: NodeJS.ProcessEnv = { ...rest, MESH_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs a TypeScript script (tsx) or the mesh CLI to its end. */
export function runScript(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const [command, ...rest] = args[0] === "mesh" ? ["node", "bin/mesh.mjs", ...args.slice(1)] : ["node_modules/.bin/tsx", ...args];
  return spawnSync(command, rest, { env, encoding: "utf8", input });
}

export interface NextServer {
  base: string;
  /** Everything the server printed so far. */
  log(): string;
  stop(): Promise<void>;
}

function spawnNext(port: number, env: NodeJS.ProcessEnv): { child: ChildProcess; log: () => string } {
  let output = "";
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, log: () => output };
}

const answering = async (base: string) => {
  try {
    await fetch(`${base}/api/me`);
    return true;
  } catch {
    return false;
  }
};

/** Starts `next start` and waits until it answers; fails with its output if it exits first. */
export async function startNext(env: NodeJS.ProcessEnv): Promise<NextServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { child, log } = spawnNext(port, { ...env, BETTER_AUTH_URL: env.BETTER_AUTH_URL ?? base });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${log()}`);
    if (await answering(base)) return { base, log, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`next start did not answer within 60 s:\n${log()}`);
}

/** Starts `next start` expecting it to refuse: resolves with its exit code and output once it exits (fails if it answers HTTP instead). */
export async function expectRefusedStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; answered: boolean }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { child, log } = spawnNext(port, { ...env, BETTER_AUTH_URL: env.BETTER_AUTH_URL ?? base });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const end = Date.now() + 60_000;
  while (Date.now() < end && child.exitCode === null && child.signalCode === null) {
    if (await answering(base)) {
      child.kill("SIGTERM");
      await exited;
      return { code: null, output: log(), answered: true };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  return { code: await exited, output: log(), answered: false };
}

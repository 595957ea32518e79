// The built console (`next start`) on a free port with its own data directory, for security and
// regression tests over real HTTP. Usage:
//
//   let server: HttpServer;
//   beforeAll(async () => { ensureBuild(); server = await startHttpServer(); }, 600_000);
//   afterAll(() => server?.stop());
//   const cto = await server.signIn("cto@acme.example");
//   const res = await cto.post("/api/validate", { yaml });   // { status, json, text, headers }
//
// The embedded default (SQLite in the data directory, seeded with the demo organisation by
// scripts/db-seed.ts) whatever database the rest of the suite uses; MESH_DEMO=1 so the demo
// accounts exist; a random session secret. Pass `env` to add or override variables.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD } from "../../server/seed/seed-users";

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface HttpClient {
  /** Session cookie header ("" for the anonymous client). */
  cookie: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
  get(path: string, headers?: Record<string, string>): Promise<HttpResponse>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
  put(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>;
}

export interface HttpServer {
  base: string;
  port: number;
  dataDir: string;
  /** Environment the server runs with (also right for scripts run against its data directory). */
  env: NodeJS.ProcessEnv;
  /** Everything the server printed so far. */
  log(): string;
  /** Whether the process is still running (false after a crash). */
  alive(): boolean;
  anonymous: HttpClient;
  /** Signs in with the demo password (or `password`) and returns a client carrying the session. */
  signIn(email: string, password?: string): Promise<HttpClient>;
  /** Stops the process (SIGTERM by default); the data directory stays until `stop` with remove. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops the process and removes the data directory (unless it was passed in). */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra or overriding environment variables. */
  env?: Record<string, string | undefined>;
  /** Seed the demo organisation first (default true). */
  seed?: boolean;
  /** Use this data directory (kept on stop) instead of a fresh temporary one. */
  dataDir?: string;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

/** Builds the app once when the checkout has no production build (`npm test` builds before). */
export function ensureBuild(): void {
  if (existsSync(".next/BUILD_ID")) return;
  const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed");
}

export function httpClient(base: string, cookie: string): HttpClient {
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> => {
    const res = await fetch(`${base}${path}`, {
      method,
      redirect: "manual",
      headers: {
        ...(cookie ? { cookie } : {}),
        origin: base,
        ...(body === undefined || typeof body === "string" ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    cookie,
    request,
    get: (path, headers) => request("GET", path, undefined, headers),
    post: (path, body, headers) => request("POST", path, body, headers),
    put: (path, body, headers) => request("PUT", path, body, headers),
  };
}

export async function startHttpServer(options: StartOptions = {}): Promise<HttpServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "mesh-http-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _otherDatabase, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    MESH_DATA_DIR: dataDir,
    BETTER_AUTH_URL: base,
    BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
    MESH_DEMO: "1",
    AUTH_RATE_LIMIT: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  if (options.seed !== false) {
    const seed = spawnSync("node_modules/.bin/tsx", ["scripts/db-seed.ts"], { env, encoding: "utf8" });
    if (seed.status !== 0) throw new Error(`db-seed failed:\n${seed.stdout}\n${seed.stderr}`);
  }

  let child: ChildProcess | undefined;
  let log = "";
  const alive = () => !!child && child.exitCode === null && child.signalCode === null;

  const launch = async () => {
    const proc = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
    proc.stdout!.on("data", (d) => (log += d));
    proc.stderr!.on("data", (d) => (log += d));
    child = proc;
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`next start exited ${proc.exitCode ?? proc.signalCode}:\n${log}`);
      try {
        await fetch(`${base}/api/me`);
        return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`next start did not answer within 60 s:\n${log}`);
  };

  const kill = (signal: NodeJS.Signals = "SIGTERM") => {
    const proc = child;
    if (!proc || !alive()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill(signal);
    });
  };

  await launch();
  return {
    base,
    port,
    dataDir,
    env,
    log: () => log,
    alive,
    anonymous: httpClient(base, ""),
    async signIn(email, password = DEMO_PASSWORD) {
      const res = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`sign-in ${email} → ${res.status} ${await res.text()}`);
      return httpClient(base, res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "));
    },
    kill,
    async restart() {
      await kill();
      await launch();
    },
    async stop() {
      await kill("SIGKILL");
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

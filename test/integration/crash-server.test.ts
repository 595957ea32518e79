// Crash safety through the real server: `next start` on a fresh embedded database (seeded by
// scripts/db-seed.ts) takes a stream of draft saves, publishes, submissions and approvals over HTTP
// from the CTO and the sales owner; the server is SIGKILLed mid-stream and restarted on the same
// data directory. Every acknowledged (2xx) write is there, nothing is half-written, and
// `npm run audit:verify` passes. Always SQLite (the embedded default), whatever MESH_TEST_DB says.
// Needs a production build: `npm test` builds before the integration suite; a checkout without
// one is built here first.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb } from "../../server/db/client";
import { DEMO_PASSWORD } from "../../server/seed/seed-users";
import { freePort } from "../support/http-server";
import { expectAcknowledgedAndWhole } from "./crash-checks";
import { ANALYST, CTO, SALES_OWNER } from "./services-setup";

const ACKS_BEFORE_KILL = 16;

let dataDir: string;
let port: number;
let base: string;
let server: ChildProcess | undefined;
let serverLog = "";


/** The embedded default in dataDir, whatever database the rest of the suite uses. */
function env(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _otherDatabase, ...rest } = process.env;
  return { ...rest, MESH_DEMO: "1", MESH_DATA_DIR: dataDir, BETTER_AUTH_URL: base, AUTH_RATE_LIMIT: "off", NEXT_TELEMETRY_DISABLED: "1" };
}

async function startServer(): Promise<void> {
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (serverLog += d));
  child.stderr!.on("data", (d) => (serverLog += d));
  server = child;
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${serverLog}`);
    try {
      if ((await fetch(`${base}/api/me`)).status === 401) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`next start did not answer within 60 s:\n${serverLog}`);
}

function stopServer(signal: NodeJS.Signals): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** One HTTP client: JSON in and out, with the session cookie and a same-origin header. */
function client(cookie: string, unexpected: string[]) {
  return async (method: string, path: string, body?: unknown): Promise<{ ok: boolean; json: any }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, origin: base, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    // Concurrent writers can make each other stale (409); anything else would be a bug.
    if (!res.ok && res.status !== 409) unexpected.push(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return { ok: res.ok, json };
  };
}

beforeAll(() => {
  if (!existsSync(".next/BUILD_ID")) {
    const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
}, 600_000);

afterAll(async () => {
  await stopServer("SIGKILL");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it("keeps every acknowledged write and no partial one when the server is SIGKILLed mid-stream", { timeout: 180_000 }, async () => {
  dataDir = mkdtempSync(join(tmpdir(), "mesh-crash-server-"));
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const seed = spawnSync("node_modules/.bin/tsx", ["scripts/db-seed.ts"], { env: env(), encoding: "utf8" });
  expect(seed.status, seed.stderr).toBe(0);
  await startServer();

  const unexpected: string[] = [];
  const cookies = { owner: await signIn(SALES_OWNER), cto: await signIn(CTO), analyst: await signIn(ANALYST) };
  const owner = client(cookies.owner, unexpected);
  const cto = client(cookies.cto, unexpected);
  const analyst = client(cookies.analyst, unexpected);
  const template = (await owner("GET", "/api/products/churn-signals")).json.floeYaml as string;

  const acks: string[] = [];
  let killed: Promise<void> | undefined;
  const ack = (line: string) => {
    acks.push(line);
    if (acks.length === ACKS_BEFORE_KILL) killed = new Promise((r) => setTimeout(r, Math.random() * 40)).then(() => stopServer("SIGKILL"));
  };
  const saveDraft = async (call: typeof owner, name: string, edit: (yaml: string) => string) => {
    const { draft } = (await call("GET", `/api/manifests/${name}`)).json;
    const saved = await call("PUT", `/api/manifests/${name}/draft`, { yaml: edit(draft.yaml), baseRevision: draft.revision });
    if (saved.ok) ack(`draft ${name} ${saved.json.revision}`);
    return saved;
  };
  // The sales owner saves and publishes the sales domain and approves what is pending.
  const ownerStream = async () => {
    for (let i = 0; ; i++) {
      const saved = await saveDraft(owner, "sales", (yaml) => yaml.replace(/data_retention_days: \d+/, `data_retention_days: ${100 + i}`));
      if (saved.ok) {
        const published = await owner("POST", "/api/manifests/sales/publish", { baseRevision: saved.json.revision, message: `crash ${i}` });
        if (published.ok) ack(`version ${published.json.ref}`);
      }
      const pending = (await owner("GET", "/api/requests?domain=sales&status=pending")).json.items as { id: string; product: { name: string; revision: number } }[];
      for (const request of pending) {
        const approved = await owner("POST", `/api/requests/${request.id}/approve`, { revision: request.product.revision });
        if (approved.ok) ack(`approved ${request.product.name} ${approved.json.ref}`);
      }
    }
  };
  // The CTO edits the enterprise draft; the analyst submits products of its team for the sales domain.
  const ctoStream = async () => {
    for (let i = 0; ; i++) {
      await saveDraft(cto, "acme-enterprise", (yaml) => `${yaml.trimEnd()}\n# crash edit ${i}\n`);
      const name = `crash-${i}`;
      const submitted = await analyst("POST", "/api/requests", { name, team: "growth-analytics", description: "crash", domain: "sales", floeYaml: template.replace("name: churn-signals", `name: ${name}`) });
      if (submitted.ok) ack(`request ${submitted.json.id}`);
    }
  };
  // Both streams end when the server dies under them (fetch fails).
  await Promise.allSettled([ownerStream(), ctoStream()]);
  expect(killed, `the streams ended before ${ACKS_BEFORE_KILL} acknowledgements:\n${unexpected.join("\n")}\n${serverLog}`).toBeDefined();
  await killed;
  expect(unexpected).toEqual([]);
  expect(acks.filter((a) => a.startsWith("version ")).length).toBeGreaterThan(0);
  expect(acks.filter((a) => a.startsWith("approved ")).length).toBeGreaterThan(0);

  // Same data directory, same port (so nothing of the killed server may still hold it).
  await startServer();
  // Sessions survive the crash, and every acknowledged version is served at its stable URL.
  for (const line of acks.filter((a) => a.startsWith("version "))) {
    const ref = line.slice("version ".length);
    const res = await fetch(`${base}/r/${ref.slice("oci://".length).replace(/:([^:/]+)$/, "/$1")}.yaml`, { headers: { cookie: cookies.owner } });
    expect(res.status, ref).toBe(200);
  }
  const { draft } = (await owner("GET", "/api/manifests/sales")).json;
  expect((await owner("PUT", "/api/manifests/sales/draft", { yaml: draft.yaml, baseRevision: draft.revision })).ok).toBe(true);
  await stopServer("SIGTERM");

  const db = createDb(`file:${join(dataDir, "mesh.db")}`);
  try {
    await expectAcknowledgedAndWhole(db, acks);
  } finally {
    await db.$disconnect();
  }
  const verify = spawnSync("npm", ["run", "--silent", "audit:verify"], { env: env(), encoding: "utf8" });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toMatch(/audit chain intact/);
});

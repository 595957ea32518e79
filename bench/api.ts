/**
 * `npm run bench:api`: the resolved-configuration endpoint (GET /api/products/{name}) against the
 * framework's own floor, an empty route handler (GET /api/health: no session, no database) in the
 * same server and run, on SQLite and on PostgreSQL, each seeded with the example organisation.
 * Targets (issue 15):
 *  - throughput at saturation (closed loop, BENCH_CONNECTIONS clients) at least half the floor's;
 *  - p95 under 20 ms at a fixed 100 requests/s (autocannon's overallRate), the floor's p95 beside it.
 * Also sequential publishes, for reference. BENCH_DBS=sqlite,postgres (default both); PostgreSQL is
 * the test suite's throwaway server (scripts/pg-test-server.sh, port 55432), stopped afterwards when
 * this run started it. BENCH_SERVER_NODE_ARGS: node options for the server alone (e.g. --cpu-prof).
 * BENCH_MODE=next (default when a build exists): the built app under
 * `next start`; BENCH_MODE=in-process: the same route handlers behind a bare node:http server.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { createDb } from "../server/db/client";
import { parseDatabaseUrl } from "../server/db/config";
import { migrate } from "../server/db/migrate";
import { seedOrganisation } from "../server/seed/seed-org";
import { DEMO_PASSWORD, seedUsers } from "../server/seed/seed-users";
import { adminStatement, freePort, percentile } from "./support";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);
const DBS = (process.env.BENCH_DBS ?? "sqlite,postgres").split(",").filter(Boolean) as ("sqlite" | "postgres")[];
const PRODUCT = "customer-360";
const MODE = process.env.BENCH_MODE ?? (existsSync(".next/BUILD_ID") ? "next" : "in-process");
const PG_SCRIPT = "scripts/pg-test-server.sh";
const PG_DB = "mesh_bench_api";

const ms = (x: number) => `${x.toFixed(1)} ms`;

async function waitFor(url: string, exited: () => boolean, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (exited()) throw new Error(`the server exited before answering ${url} (its output is above)`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`server did not start: ${url}`);
}

/** The server runs in its own process, so autocannon does not compete with it for the event loop. */
function startServer(port: number, env: Record<string, string>): { stop: () => Promise<void>; exited: () => boolean } {
  // BENCH_SERVER_NODE_ARGS reaches the server's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const args = MODE === "next" ? ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"] : ["--import", "tsx", "bench/api.ts", "--serve", String(port)];
  const server = spawn(process.execPath, [...nodeArgs, ...args], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } });
  const exited = () => server.exitCode !== null || server.signalCode !== null;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
  return { stop, exited };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The benchmarked routes behind node:http, dispatched the way Next's file routes would. */
async function serveInProcess(port: number): Promise<void> {
  const [product, manifest, draft, publish, me, health, { getAuth }] = await Promise.all([
    import("../app/api/products/[name]/route"),
    import("../app/api/manifests/[name]/route"),
    import("../app/api/manifests/[name]/draft/route"),
    import("../app/api/manifests/[name]/publish/route"),
    import("../app/api/me/route"),
    import("../app/api/health/route"),
    import("../server/auth/auth"),
  ]);
  const routes: [string, RegExp, Handler][] = [
    ["GET", /^\/api\/products\/([^/]+)$/, product.GET],
    ["GET", /^\/api\/manifests\/([^/]+)$/, manifest.GET],
    ["PUT", /^\/api\/manifests\/([^/]+)\/draft$/, draft.PUT],
    ["POST", /^\/api\/manifests\/([^/]+)\/publish$/, publish.POST],
    ["GET", /^\/api\/me$/, me.GET],
    ["GET", /^\/api\/health$/, health.GET],
  ];
  const dispatch = async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    if (path.startsWith("/api/auth/")) return getAuth().handler(req);
    for (const [method, pattern, handler] of routes) {
      const m = pattern.exec(path);
      if (m && method === req.method) return handler(req, { params: Promise.resolve({ name: decodeURIComponent(m[1] ?? "") }) });
    }
    return new Response("not found", { status: 404 });
  };
  const server = createHttpServer(async (incoming: IncomingMessage, out: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of incoming) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(incoming.headers)) if (typeof v === "string") headers.set(k, v);
    const body = incoming.method === "GET" || incoming.method === "HEAD" ? undefined : Buffer.concat(chunks);
    const res = await dispatch(new Request(`http://127.0.0.1:${port}${incoming.url}`, { method: incoming.method, headers, body }));
    const outHeaders: Record<string, string | string[]> = Object.fromEntries(res.headers);
    if (res.headers.getSetCookie().length) outHeaders["set-cookie"] = res.headers.getSetCookie();
    out.writeHead(res.status, outHeaders);
    out.end(Buffer.from(await res.arrayBuffer()));
  });
  server.listen(port, "127.0.0.1");
}

/** A fresh database of the dialect, migrated and seeded; `drop` removes it (and stops a PostgreSQL this run started). */
async function freshDatabase(dialect: "sqlite" | "postgres"): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "mesh-bench-api-"));
    return { url: `file:${join(dir, "mesh.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const port = process.env.MESH_PG_PORT ?? "55432";
  const admin = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const reachable = await new pg.Client({ connectionString: admin, connectionTimeoutMillis: 2_000 }).connect().then(
    (c) => c.end().then(() => true),
    () => false,
  );
  execFileSync(PG_SCRIPT, ["start"], { stdio: ["ignore", "ignore", "inherit"] });
  const sql = (text: string) => adminStatement(admin, text);
  await sql(`drop database if exists ${PG_DB} with (force)`);
  await sql(`create database ${PG_DB}`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${PG_DB}`,
    drop: async () => {
      await sql(`drop database if exists ${PG_DB} with (force)`);
      if (!reachable) execFileSync(PG_SCRIPT, ["stop"], { stdio: "inherit" });
    },
  };
}

interface Load {
  times: number[];
  rps: number;
  errors: number;
}

/** One autocannon run; per-request times come from its response events (it reports no p95). */
async function load(url: string, cookie: string, options: { connections: number; overallRate?: number; duration?: number }): Promise<Load> {
  const times: number[] = [];
  const instance = autocannon({ url, headers: { cookie }, duration: options.duration ?? DURATION_S, connections: options.connections, ...(options.overallRate ? { overallRate: options.overallRate } : {}) });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, t: number) => times.push(t));
  const result = await instance;
  return { times: times.sort((a, b) => a - b), rps: result.requests.average, errors: result.errors + result.non2xx };
}

interface Row {
  step: string;
  "req/s": number;
  p50: string;
  p95: string;
  floor: string;
  ratio: string;
  target: string;
  verdict: string;
}

async function benchDatabase(dialect: "sqlite" | "postgres"): Promise<Row[]> {
  const database = await freshDatabase(dialect);
  const db = createDb(database.url);
  try {
    await migrate(parseDatabaseUrl(database.url));
    await seedOrganisation(db);
    await seedUsers(db);
  } finally {
    await db.$disconnect();
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
    // A demo on PostgreSQL must be given its secret (several instances may share the database).
  const env = { DATABASE_URL: database.url, BETTER_AUTH_URL: base, BETTER_AUTH_SECRET: randomBytes(32).toString("base64"), AUTH_RATE_LIMIT: "off", NEXT_TELEMETRY_DISABLED: "1", MESH_DEMO: "1" };
  const { stop, exited } = startServer(port, env);
  try {
    await waitFor(`${base}/api/health`, exited);
    const signIn = async (email: string) => {
      const res = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
      return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    };
    const reader = await signIn("analyst@acme.example");
    const endpoint = `${base}/api/products/${PRODUCT}`;
    const floorUrl = `${base}/api/health`;
    const bytes: number[] = [];
    for (const url of [endpoint, floorUrl]) {
      const probe = await fetch(url, { headers: { cookie: reader } });
      if (probe.status !== 200) throw new Error(`GET ${url} answered ${probe.status}: is the build current? (rm -rf .next)`);
      bytes.push((await probe.arrayBuffer()).byteLength);
    }
    console.log(`${dialect}: GET /api/products/${PRODUCT} answers ${(bytes[0] / 1e3).toFixed(1)} kB, GET /api/health ${bytes[1]} bytes`);
    // Warm-up (JIT, caches, connection pools), then each pair measured back to back.
    for (const url of [floorUrl, endpoint]) await load(url, reader, { connections: CONNECTIONS, duration: 2 });
    const floorSaturated = await load(floorUrl, reader, { connections: CONNECTIONS });
    const saturated = await load(endpoint, reader, { connections: CONNECTIONS });
    const floorPaced = await load(floorUrl, reader, { connections: 10, overallRate: RATE });
    const paced = await load(endpoint, reader, { connections: 10, overallRate: RATE });

    const owner = await signIn("sales-owner@acme.example");
    const publishTimes: number[] = [];
    for (let i = 0; i < PUBLISHES; i++) {
      const m = (await (await fetch(`${base}/api/manifests/sales`, { headers: { cookie: owner } })).json()) as { draft: { yaml: string; revision: number } };
      const yaml = m.draft.yaml.replace(/data_retention_days: \d+/, `data_retention_days: ${100 + i}`);
      const headers = { cookie: owner, origin: base, "content-type": "application/json" };
      const saved = (await (await fetch(`${base}/api/manifests/sales/draft`, { method: "PUT", headers, body: JSON.stringify({ yaml, baseRevision: m.draft.revision }) })).json()) as { revision: number };
      const start = performance.now();
      const res = await fetch(`${base}/api/manifests/sales/publish`, { method: "POST", headers, body: JSON.stringify({ baseRevision: saved.revision, message: `bench ${i}` }) });
      publishTimes.push(performance.now() - start);
      if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${await res.text()}`);
    }
    publishTimes.sort((a, b) => a - b);

    for (const [name, l] of [["floor", floorSaturated], ["endpoint", saturated], ["floor paced", floorPaced], ["endpoint paced", paced]] as const) {
      if (l.errors) throw new Error(`${dialect}: ${name} run had ${l.errors} errors or non-2xx answers`);
    }
    const throughputRatio = saturated.rps / floorSaturated.rps;
    const p95 = percentile(paced.times, 95);
    const verdict = (met: boolean) => (met ? "met" : "MISSED");
    return [
      { step: `GET /api/health (empty handler, ${CONNECTIONS} clients)`, "req/s": Math.round(floorSaturated.rps), p50: ms(percentile(floorSaturated.times, 50)), p95: ms(percentile(floorSaturated.times, 95)), floor: "", ratio: "", target: "(floor)", verdict: "" },
      {
        step: `GET /api/products/${PRODUCT} (${CONNECTIONS} clients)`,
        "req/s": Math.round(saturated.rps),
        p50: ms(percentile(saturated.times, 50)),
        p95: ms(percentile(saturated.times, 95)),
        floor: `${Math.round(floorSaturated.rps)} req/s`,
        ratio: throughputRatio.toFixed(2),
        target: "ratio ≥ 0.50",
        verdict: verdict(throughputRatio >= 0.5),
      },
      { step: `GET /api/health at ${RATE} req/s`, "req/s": Math.round(floorPaced.rps), p50: ms(percentile(floorPaced.times, 50)), p95: ms(percentile(floorPaced.times, 95)), floor: "", ratio: "", target: "(floor)", verdict: "" },
      {
        step: `GET /api/products/${PRODUCT} at ${RATE} req/s`,
        "req/s": Math.round(paced.rps),
        p50: ms(percentile(paced.times, 50)),
        p95: ms(p95),
        floor: ms(percentile(floorPaced.times, 95)),
        ratio: (p95 / percentile(floorPaced.times, 95)).toFixed(2),
        target: "p95 < 20 ms",
        verdict: verdict(p95 < 20),
      },
      {
        step: "POST /api/manifests/sales/publish (sequential)",
        "req/s": Math.round(1000 / (publishTimes.reduce((a, b) => a + b, 0) / publishTimes.length)),
        p50: ms(percentile(publishTimes, 50)),
        p95: ms(percentile(publishTimes, 95)),
        floor: "",
        ratio: "",
        target: "",
        verdict: "",
      },
    ];
  } finally {
    await stop();
    await database.drop();
  }
}

async function main() {
  console.log(`\nAPI benchmark (${MODE === "next" ? "next start" : "route handlers in-process"}, example organisation; saturation: ${CONNECTIONS} closed-loop clients for ${DURATION_S} s; paced: ${RATE} req/s for ${DURATION_S} s)`);
  console.log("floor: the same measurement of an empty route handler (GET /api/health) in the same server and run");
  for (const dialect of DBS) {
    const rows = await benchDatabase(dialect);
    console.log(`\n${dialect === "sqlite" ? "SQLite (embedded)" : "PostgreSQL"}`);
    console.table(Object.fromEntries(rows.map(({ step, ...rest }) => [step, rest])));
  }
}

if (process.argv[2] === "--serve") await serveInProcess(Number(process.argv[3]));
else await main();

/**
 * `npm run bench:api`: latency of the resolved-configuration endpoint (GET /api/products/{name})
 * under 50 concurrent clients, and of publishing, on a fresh embedded SQLite database seeded with
 * the example organisation. Prints a table. Two load shapes for the endpoint: 50 clients each
 * sending its next request as soon as the last is answered (saturation: latency is mostly
 * queueing), and one client alone (the latency of a request that waits for no other).
 * BENCH_MODE=next (default when a build exists): the built app under `next start`.
 * BENCH_MODE=in-process: the same route handlers behind a bare node:http server (no Next.js
 * routing), for when the shared build is stale or busy.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { createDb } from "../server/db/client";
import { parseDatabaseUrl } from "../server/db/config";
import { migrate } from "../server/db/migrate";
import { seedOrganisation } from "../server/seed/seed-org";
import { DEMO_PASSWORD, seedUsers } from "../server/seed/seed-users";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 30);
const PRODUCT = "customer-360";
const MODE = process.env.BENCH_MODE ?? (existsSync(".next/BUILD_ID") ? "next" : "in-process");

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function waitFor(url: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
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
function startServer(port: number, env: Record<string, string>): () => Promise<void> {
  const [command, args] = MODE === "next" ? ["node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"]] : ["node_modules/.bin/tsx", ["bench/api.ts", "--serve", String(port)]];
  const server = spawn(command, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } });
  return async () => void server.kill("SIGTERM");
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The benchmarked routes behind node:http, dispatched the way Next's file routes would. */
async function serveInProcess(port: number): Promise<void> {
  const [product, manifest, draft, publish, me, { getAuth }] = await Promise.all([
    import("../app/api/products/[name]/route"),
    import("../app/api/manifests/[name]/route"),
    import("../app/api/manifests/[name]/draft/route"),
    import("../app/api/manifests/[name]/publish/route"),
    import("../app/api/me/route"),
    import("../server/auth/auth"),
  ]);
  const routes: [string, RegExp, Handler][] = [
    ["GET", /^\/api\/products\/([^/]+)$/, product.GET],
    ["GET", /^\/api\/manifests\/([^/]+)$/, manifest.GET],
    ["PUT", /^\/api\/manifests\/([^/]+)\/draft$/, draft.PUT],
    ["POST", /^\/api\/manifests\/([^/]+)\/publish$/, publish.POST],
    ["GET", /^\/api\/me$/, me.GET],
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

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "mesh-bench-api-"));
  const url = `file:${join(dataDir, "mesh.db")}`;
  await migrate(parseDatabaseUrl(url));
  const db = createDb(url);
  await seedOrganisation(db);
  await seedUsers(db);
  await db.$disconnect();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: url, BETTER_AUTH_URL: base, AUTH_RATE_LIMIT: "off", NEXT_TELEMETRY_DISABLED: "1", MESH_DEMO: "1" };
  const stop = startServer(port, env);
  try {
    await waitFor(`${base}/api/me`);
    const signIn = async (email: string) => {
      const res = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
      return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    };
    const reader = await signIn("analyst@acme.example");
    const probe = await fetch(`${base}/api/products/${PRODUCT}`, { headers: { cookie: reader } });
    if (probe.status !== 200) throw new Error(`GET /api/products/${PRODUCT} answered ${probe.status}: is the build current? (rm -rf .next)`);

    // Warm-up, then the measured runs; per-request times come from autocannon's response events.
    const load = async (connections: number) => {
      const times: number[] = [];
      const instance = autocannon({ url: `${base}/api/products/${PRODUCT}`, connections, duration: DURATION_S, headers: { cookie: reader } });
      instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
      const result = await instance;
      return { times: times.sort((a, b) => a - b), result };
    };
    await autocannon({ url: `${base}/api/products/${PRODUCT}`, connections: CONNECTIONS, duration: 2, headers: { cookie: reader } });
    const saturated = await load(CONNECTIONS);
    const alone = await load(1);

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

    console.log(`\nAPI benchmark (${MODE === "next" ? "next start" : "route handlers in-process"}, embedded SQLite, example organisation; ${CONNECTIONS} connections, ${DURATION_S} s)\n`);
    const row = ({ times, result }: Awaited<ReturnType<typeof load>>) => ({
      requests: times.length,
      "req/s": Math.round(result.requests.average),
      p50: fmt(percentile(times, 50)),
      p95: fmt(percentile(times, 95)),
      p99: fmt(percentile(times, 99)),
      errors: result.errors + result.non2xx,
    });
    console.table({
      [`GET /api/products/${PRODUCT} (${CONNECTIONS} clients)`]: row(saturated),
      [`GET /api/products/${PRODUCT} (1 client)`]: row(alone),
      "POST /api/manifests/sales/publish (sequential)": {
        requests: publishTimes.length,
        "req/s": Math.round(1000 / (publishTimes.reduce((a, b) => a + b, 0) / publishTimes.length)),
        p50: fmt(percentile(publishTimes, 50)),
        p95: fmt(percentile(publishTimes, 95)),
        p99: fmt(percentile(publishTimes, 99)),
        errors: 0,
      },
    });
  } finally {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--serve") await serveInProcess(Number(process.argv[3]));
else await main();

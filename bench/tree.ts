/**
 * `npm run bench:tree` (after `npm run build`): the tree view at 3×3, 50×50 and 50×500.
 * For each size: a temp SQLite database loaded by scripts/load-scale-org.ts, the built app
 * (`next start`) on a free port, a demo user signed in, then Debian's headless Chromium measures
 *  - cold API: the first GET /api/tree (one evaluation of the whole organisation),
 *  - TTI: navigation to /tree until the outline and the canvas show nodes (API cache warm),
 *  - payload: bytes of GET /api/tree as sent, without and with Accept-Encoding: gzip, br,
 *  - expand: a click on the first domain's expand button until its products are drawn,
 *  - second expand: the same for the next domain, while the first stays open (drawn as tiles when both exceed the node budget),
 *  - frames: requestAnimationFrame deltas while the mouse pans the canvas (p50 / p95 / max).
 *  - lists: the first page of GET /api/products and a GET /api/search, once the tree is warm,
 *  - server memory: the largest resident set (VmHWM) of the server's processes at the end.
 *  - after restart: the server stopped and started again on the same database, then its first
 *    GET /api/tree (served from the stored tree, server/services/tree-store.ts), as a ratio of the cold one.
 * Sizes: BENCH_TREE_SIZES="3x3,50x50,50x500,100x1000". Targets at 50×500 and 100×1000: TTI < 2 s,
 * expand < 300 ms, pan frames p95 < 50 ms, first GET /api/tree after a restart < 1 s; at 100×1000
 * also server memory under 1 GiB, and the products list and search answering.
 * Database: BENCH_TREE_DB=sqlite (default: a temp file per size) or postgres (a fresh database per
 * size on the throwaway server of scripts/pg-test-server.sh, port 55432, stopped at the end).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { adminStatement, CHROMIUM, CHROMIUM_ARGS, freePort, percentile } from "./support";

const SIZES = (process.env.BENCH_TREE_SIZES ?? "3x3,50x50,50x500,100x1000").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const DB = process.env.BENCH_TREE_DB ?? "sqlite";
if (DB !== "sqlite" && DB !== "postgres") throw new Error(`BENCH_TREE_DB must be sqlite or postgres, got ${DB}`);

/** A fresh database for one size: its DATABASE_URL (PostgreSQL), or none (SQLite in the data directory). */
async function freshDatabase(name: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (DB === "sqlite") return { env: {}, drop: async () => {} };
  const admin = spawnSync("scripts/pg-test-server.sh", ["start", "postgres"], { encoding: "utf8" });
  if (admin.status !== 0) throw new Error(`pg-test-server: ${admin.stderr}`);
  const adminUrl = admin.stdout.trim();
  const query = (sql: string) => adminStatement(adminUrl, sql);
  await query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // A demo on PostgreSQL must be given its session secret (several instances would share it).
  return { env: { DATABASE_URL: url.href, BETTER_AUTH_SECRET: randomBytes(32).toString("hex") }, drop: () => query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function startApp(dataDir: string, port: number, dbEnv: Record<string, string>): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  // No npx: it would leave the next-server child running when stopped.
  const app = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, ...dbEnv, MESH_DATA_DIR: dataDir, BETTER_AUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1", MESH_DEMO: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 300; i++) {
    if (app.exitCode !== null) throw new Error(`next start exited ${app.exitCode}`);
    if (await fetch(`${base}/sign-in`).then((r) => r.ok, () => false)) return app;
    await new Promise((r) => setTimeout(r, 200));
  }
  stopApp(app);
  throw new Error("next start did not come up");
}

/** Stops the server's process group and waits until the server is gone. */
function stopApp(app: ChildProcess): Promise<void> {
  if (!app.pid || app.exitCode !== null || app.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => app.once("exit", () => resolve()));
  process.kill(-app.pid, "SIGTERM");
  return exited;
}

/** The largest peak resident set (VmHWM, bytes) among the processes of the server's process group. */
function serverPeakMemory(app: ChildProcess): number {
  const ps = spawnSync("ps", ["-o", "pid=", "-g", String(app.pid)], { encoding: "utf8" });
  let peak = 0;
  for (const pid of ps.stdout.split(/\s+/).filter(Boolean)) {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      peak = Math.max(peak, Number(kb ?? 0) * 1024);
    } catch {
      // gone meanwhile
    }
  }
  return peak;
}


// Browser-side code as strings: tsx would wrap named functions in a `__name` helper the page lacks.

/**
 * Milliseconds from clicking the first domain's expand button until its products are on the canvas:
 * one by one, or as tiles of several when the canvas's node budget cannot hold them all (1,000).
 */
const EXPAND_SCRIPT = `(async () => {
  // The outline mounts only the rows in view: below an open domain's products, scroll down to the next.
  const outline = document.querySelector('[role="tree"]');
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  let button = outline.querySelector('button[aria-label^="Expand "]');
  for (let y = 0; !button && y < outline.scrollHeight; y += outline.clientHeight / 2) {
    outline.scrollTop = y;
    await frame();
    button = outline.querySelector('button[aria-label^="Expand "]');
  }
  const domain = button.getAttribute("aria-label").slice("Expand ".length);
  const t0 = performance.now();
  button.click();
  const drawnAs = await new Promise((resolve, reject) => {
    const check = () => {
      const ids = [...document.querySelectorAll(".react-flow__node-product, .react-flow__node-tile")].map((n) => n.getAttribute("data-id"));
      const drawn = ids.some((id) => id.startsWith("p:" + domain + "-")) ? "products" : ids.some((id) => id.startsWith("t:" + domain + ":")) ? "tiles" : null;
      if (drawn) requestAnimationFrame(() => resolve(drawn));
      else if (performance.now() - t0 > 60000) reject(new Error("the products of " + domain + " were not drawn within 60 s"));
      else requestAnimationFrame(check);
    };
    check();
  });
  return { ms: performance.now() - t0, drawnAs };
})()`;

const START_FRAMES = `(() => {
  window.__frames = [];
  window.__stop = false;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = `(() => { window.__stop = true; return window.__frames.slice(1); })()`;

/** rAF deltas while the mouse drags the canvas down and back up, then left and right. */
async function panFrames(page: Page): Promise<number[]> {
  const box = (await page.getByTestId("tree-canvas").boundingBox())!;
  await page.evaluate(START_FRAMES);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (const [dx, dy] of [[0, -350], [0, 350], [-250, 0], [250, 0]]) {
    for (let i = 1; i <= 30; i++) await page.mouse.move(cx + (dx * i) / 30, cy + (dy * i) / 30);
  }
  await page.mouse.up();
  return page.evaluate<number[]>(STOP_FRAMES);
}

/** Bytes on the wire (no decoding) and the content-encoding of one GET. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ bytes, encoding: String(res.headers["content-encoding"] ?? "identity") }));
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

interface Row {
  size: string;
  products: number;
  coldApi: number;
  tti: number;
  expand: number;
  expandedAs: string;
  expand2: number;
  plain: number;
  compressed: string;
  p50: number;
  p95: number;
  max: number;
  mounted: number;
  productsPage: number;
  search: number;
  memory: number;
  restarted: number;
  restartedMemory: number;
  requestsPage: number;
  auditPage: number;
  listFirstRow: number;
  listAll: number;
}

async function measure(domains: number, products: number): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), "mesh-bench-tree-"));
  const database = await freshDatabase(`mesh_bench_tree_${domains}x${products}`);
  try {
    return await measureOn(dataDir, database.env, domains, products);
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureOn(dataDir: string, dbEnv: Record<string, string>, domains: number, products: number): Promise<Row> {
  const load = spawnSync("node_modules/.bin/tsx", ["scripts/load-scale-org.ts", "--domains", String(domains), "--products", String(products)], {
    env: { ...process.env, ...dbEnv, MESH_DATA_DIR: dataDir },
    stdio: "inherit",
  });
  if (load.status !== 0) throw new Error("scale:load failed");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let app = await startApp(dataDir, port, dbEnv);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const signIn = await page.request.post(`${base}/api/auth/sign-in/email`, { data: { email: "viewer@acme.example", password: "mesh-demo" }, headers: { origin: base } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);

    let t = performance.now();
    const api = await page.request.get(`${base}/api/tree`, { timeout: 600_000 });
    if (!api.ok()) throw new Error(`GET /api/tree: ${api.status()}`);
    const coldApi = performance.now() - t;
    const coldTree = await api.text();
    const cookie = (await page.context().cookies(base)).map((c) => `${c.name}=${c.value}`).join("; ");
    const plain = await rawGet(`${base}/api/tree`, { cookie });
    const packed = await rawGet(`${base}/api/tree`, { cookie, "accept-encoding": "gzip, br" });

    t = performance.now();
    await page.goto(`${base}/tree?open=`);
    await page.locator('[role="treeitem"]').first().waitFor();
    await page.locator(".react-flow__node-domain").first().waitFor();
    await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
    const tti = performance.now() - t;

    const expanded = await page.evaluate<{ ms: number; drawnAs: string }>(EXPAND_SCRIPT);
    const expand = expanded.ms;
    const expandedAs = expanded.drawnAs;
    await page.waitForTimeout(400);
    const expand2 = domains > 1 ? (await page.evaluate<{ ms: number }>(EXPAND_SCRIPT)).ms : NaN;
    await page.waitForTimeout(400);
    const mounted = await page.locator(".react-flow__node").count();
    const frames = await panFrames(page);
    const timed = async (path: string) => {
      const start = performance.now();
      const res = await page.request.get(`${base}${path}`, { timeout: 600_000 });
      if (!res.ok()) throw new Error(`GET ${path}: ${res.status()}`);
      return performance.now() - start;
    };
    const productsPage = await timed("/api/products?limit=100");
    const search = await timed("/api/search?q=customer");
    const requestsPage = await timed("/api/requests?limit=100");
    const auditPage = await timed("/api/audit?limit=100");
    // The products page: its first rows, then every page of the list loaded (the count says so).
    t = performance.now();
    await page.goto(`${base}/products`);
    await page.locator('table[aria-label="Products"] tbody tr a').first().waitFor({ timeout: 600_000 });
    const listFirstRow = performance.now() - t;
    await page.getByRole("status").filter({ hasText: new RegExp(`^${domains * products} products$`) }).waitFor({ timeout: 600_000 });
    const listAll = performance.now() - t;
    const memory = serverPeakMemory(app);

    // Restarted on the same database (a new port: nothing of the old server may hold it).
    await stopApp(app);
    const port2 = await freePort();
    const base2 = `http://127.0.0.1:${port2}`;
    app = await startApp(dataDir, port2, dbEnv);
    const again = await browser.newContext();
    const signIn2 = await again.request.post(`${base2}/api/auth/sign-in/email`, { data: { email: "viewer@acme.example", password: "mesh-demo" }, headers: { origin: base2 } });
    if (!signIn2.ok()) throw new Error(`sign-in after restart failed: ${signIn2.status()}`);
    t = performance.now();
    const warm = await again.request.get(`${base2}/api/tree`, { timeout: 600_000 });
    if (!warm.ok()) throw new Error(`GET /api/tree after restart: ${warm.status()}`);
    const restarted = performance.now() - t;
    if ((await warm.text()) !== coldTree) throw new Error("GET /api/tree after restart is not the tree before it");
    // The restarted server served the stored tree without evaluating the organisation: its memory so far.
    const restartedMemory = serverPeakMemory(app);
    return { size: `${domains}×${products}`, products: domains * products, coldApi, tti, expand, expandedAs, expand2, plain: plain.bytes, compressed: `${packed.bytes} (${packed.encoding})`, p50: percentile(frames, 50), p95: percentile(frames, 95), max: Math.max(...frames), mounted, productsPage, search, memory, restarted, restartedMemory, requestsPage, auditPage, listFirstRow, listAll };
  } finally {
    await browser.close();
    await stopApp(app);
  }
}

const rows: Row[] = [];
try {
  for (const [d, p] of SIZES) {
    console.error(`bench:tree ${d}×${p} on ${DB} …`);
    rows.push(await measure(d, p));
  }
} finally {
  if (DB === "postgres") spawnSync("scripts/pg-test-server.sh", ["stop"], { stdio: "inherit" });
}
const ms = (x: number) => `${Math.round(x)} ms`;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
console.log(`\nbench:tree on ${DB}`);
console.log("\n| org | products | first GET /api/tree (cold) | first GET /api/tree after restart | /api/tree bytes | with Accept-Encoding | TTI /tree | expand domain | second domain | pan frame p50 | p95 | max | canvas nodes mounted | GET /api/products (100) | GET /api/search | GET /api/requests (100) | GET /api/audit (100) | /products first rows | /products all loaded | server peak RSS | after restart |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.size} | ${r.products} | ${ms(r.coldApi)} | ${ms(r.restarted)} (${(r.restarted / r.coldApi).toFixed(3)}× cold) | ${r.plain} | ${r.compressed} | ${ms(r.tti)} | ${ms(r.expand)} (${r.expandedAs}) | ${ms(r.expand2)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.mounted} | ${ms(r.productsPage)} | ${ms(r.search)} | ${ms(r.requestsPage)} | ${ms(r.auditPage)} | ${ms(r.listFirstRow)} | ${ms(r.listAll)} | ${mib(r.memory)} | ${mib(r.restartedMemory)} |`);
for (const big of rows.filter((r) => r.products >= 25_000)) {
  const targets: [string, boolean, string][] = [
    ["TTI /tree < 2 s", big.tti < 2000, ms(big.tti)],
    [`expand a ${big.size.split("×")[1]}-product domain < 300 ms`, big.expand < 300, `${ms(big.expand)} (drawn as ${big.expandedAs})`],
    ["pan frames p95 < 50 ms", big.p95 < 50, ms(big.p95)],
    ["first GET /api/tree after restart < 1 s", big.restarted < 1000, `${ms(big.restarted)}, ${(big.restarted / big.coldApi).toFixed(3)}× the cold ${ms(big.coldApi)}`],
  ];
  if (big.products >= 100_000) {
    targets.push(["server memory < 1 GiB", big.memory < 2 ** 30, `${mib(big.memory)} (restarted on the stored tree: ${mib(big.restartedMemory)})`]);
    targets.push(["lists and search answer (products, requests, audit pages; search; /products all loaded)", true, `${ms(big.productsPage)}, ${ms(big.requestsPage)}, ${ms(big.auditPage)}; ${ms(big.search)}; ${ms(big.listAll)}`]);
  }
  console.log(`\n${big.size} on ${DB}:`);
  for (const [name, ok, value] of targets) console.log(`  ${ok ? "met    " : "NOT met"}  ${name}: ${value}`);
}

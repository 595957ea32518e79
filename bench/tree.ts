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
 * Sizes: BENCH_TREE_SIZES="3x3,50x50,50x500,100x1000". Targets at 50×500 and 100×1000: TTI < 2 s,
 * expand < 300 ms, pan frames p95 < 50 ms; at 100×1000 also server memory under 1 GiB.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";

const SIZES = (process.env.BENCH_TREE_SIZES ?? "3x3,50x50,50x500,100x1000").split(",").map((s) => s.split("x").map(Number) as [number, number]);
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function startApp(dataDir: string, port: number): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  // No npx: it would leave the next-server child running when stopped.
  const app = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, MESH_DATA_DIR: dataDir, BETTER_AUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1", MESH_DEMO: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/sign-in`).then((r) => r.ok, () => false)) return app;
    await new Promise((r) => setTimeout(r, 200));
  }
  stopApp(app);
  throw new Error("next start did not come up");
}

const stopApp = (app: ChildProcess) => app.pid && process.kill(-app.pid, "SIGTERM");

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

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

// Browser-side code as strings: tsx would wrap named functions in a `__name` helper the page lacks.

/** Milliseconds from clicking the first domain's expand button until its products are on the canvas. */
const EXPAND_SCRIPT = `(async () => {
  const button = document.querySelector('[role="tree"] button[aria-label^="Expand "]');
  const domain = button.getAttribute("aria-label").slice("Expand ".length);
  const t0 = performance.now();
  button.click();
  await new Promise((resolve) => {
    const check = () => {
      const drawn = [...document.querySelectorAll(".react-flow__node-product")].some((n) => n.getAttribute("data-id").startsWith("p:" + domain + "-"));
      if (drawn) requestAnimationFrame(() => resolve());
      else requestAnimationFrame(check);
    };
    check();
  });
  return performance.now() - t0;
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
}

async function measure(domains: number, products: number): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), "mesh-bench-tree-"));
  const load = spawnSync("node_modules/.bin/tsx", ["scripts/load-scale-org.ts", "--domains", String(domains), "--products", String(products)], {
    env: { ...process.env, MESH_DATA_DIR: dataDir },
    stdio: "inherit",
  });
  if (load.status !== 0) throw new Error("scale:load failed");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startApp(dataDir, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const signIn = await page.request.post(`${base}/api/auth/sign-in/email`, { data: { email: "viewer@acme.example", password: "mesh-demo" }, headers: { origin: base } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);

    let t = performance.now();
    const api = await page.request.get(`${base}/api/tree`, { timeout: 600_000 });
    if (!api.ok()) throw new Error(`GET /api/tree: ${api.status()}`);
    const coldApi = performance.now() - t;
    const cookie = (await page.context().cookies(base)).map((c) => `${c.name}=${c.value}`).join("; ");
    const plain = await rawGet(`${base}/api/tree`, { cookie });
    const packed = await rawGet(`${base}/api/tree`, { cookie, "accept-encoding": "gzip, br" });

    t = performance.now();
    await page.goto(`${base}/tree?open=`);
    await page.locator('[role="treeitem"]').first().waitFor();
    await page.locator(".react-flow__node-domain").first().waitFor();
    await page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
    const tti = performance.now() - t;

    const expand = await page.evaluate<number>(EXPAND_SCRIPT);
    await page.waitForTimeout(400);
    const expand2 = domains > 1 ? await page.evaluate<number>(EXPAND_SCRIPT) : NaN;
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
    return { size: `${domains}×${products}`, products: domains * products, coldApi, tti, expand, expand2, plain: plain.bytes, compressed: `${packed.bytes} (${packed.encoding})`, p50: percentile(frames, 50), p95: percentile(frames, 95), max: Math.max(...frames), mounted, productsPage, search, memory: serverPeakMemory(app) };
  } finally {
    await browser.close();
    stopApp(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
for (const [d, p] of SIZES) {
  console.error(`bench:tree ${d}×${p} …`);
  rows.push(await measure(d, p));
}
const ms = (x: number) => `${Math.round(x)} ms`;
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
console.log("\n| org | products | first GET /api/tree (cold) | /api/tree bytes | with Accept-Encoding | TTI /tree | expand domain | second domain | pan frame p50 | p95 | max | canvas nodes mounted | GET /api/products (100) | GET /api/search | server peak RSS |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.size} | ${r.products} | ${ms(r.coldApi)} | ${r.plain} | ${r.compressed} | ${ms(r.tti)} | ${ms(r.expand)} | ${ms(r.expand2)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.mounted} | ${ms(r.productsPage)} | ${ms(r.search)} | ${mib(r.memory)} |`);
for (const big of rows.filter((r) => r.products >= 25_000)) {
  const memoryOk = big.products < 100_000 || big.memory < 2 ** 30;
  const ok = big.tti < 2000 && big.expand < 300 && big.p95 < 50 && memoryOk;
  console.log(`\n${big.size} targets (TTI < 2 s, expand < 300 ms, pan frames p95 < 50 ms${big.products >= 100_000 ? ", server memory < 1 GiB" : ""}): ${ok ? "met" : "NOT met"}`);
}

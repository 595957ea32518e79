/**
 * `npm run bench:impact`: the publish dialog's impact preview of one enterprise edit (the retention
 * floor raised: thousands of products move, the domains below the new floor break) on the built app
 * (`next start`) with a scale organisation in a temp SQLite database (scripts/load-scale-org.ts).
 * Rows:
 *  - HTTP: GET /api/manifests/acme-enterprise/impact (the dialog's first request: summary and first
 *    pages), first after the start (the current tree is evaluated too), then for a new draft edit
 *    with the current tree already evaluated (the usual case: the editor was open);
 *  - browser (Playwright, Debian chromium): from clicking "Publish…" on the enterprise page until the
 *    dialog shows the counts (target < 1 s), for a new draft edit on a running server.
 * Size: BENCH_IMPACT_SIZE="50x500" (domains × products per domain). BENCH_RUNS: edits measured (median).
 * BENCH_SERVER_NODE_ARGS: node options for the server alone (e.g. --cpu-prof).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type APIRequestContext } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS, freePort, median } from "./support";

const [DOMAINS, PRODUCTS] = (process.env.BENCH_IMPACT_SIZE ?? "50x500").split("x").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ENTERPRISE = "acme-enterprise";


/**
 * In the page (browser-side code as a string: tsx would wrap a function in a helper the page lacks):
 * milliseconds from clicking "Publish…" until the dialog's "Would break" group, with its counts, is
 * drawn (the frame after it is in the DOM).
 */
const DIALOG_SCRIPT = `(async () => {
  const button = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Publish…");
  const t0 = performance.now();
  button.click();
  await new Promise((resolve, reject) => {
    const check = () => {
      if (document.querySelector('[role="dialog"] ul[aria-label="Would break"]')) requestAnimationFrame(() => resolve());
      else if (performance.now() - t0 > 600000) reject(new Error("the impact preview did not show within 600 s"));
      else requestAnimationFrame(check);
    };
    check();
  });
  return performance.now() - t0;
})()`;

async function startApp(dataDir: string, port: number): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  // BENCH_SERVER_NODE_ARGS reaches the server's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const app = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, MESH_DATA_DIR: dataDir, BETTER_AUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1", MESH_DEMO: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const end = Date.now() + 120_000;
  while (Date.now() < end) {
    if (app.exitCode !== null) throw new Error(`next start exited ${app.exitCode}`);
    try {
      await fetch(`${base}/api/health`);
      return app;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error("next start did not answer within 120 s");
}

const stopApp = (app: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (app.exitCode !== null || app.signalCode !== null) return resolve();
    app.once("exit", () => resolve());
    app.kill("SIGTERM");
  });

/** Saves the enterprise draft with another retention floor (a new draft: the preview is computed anew). */
async function editDraft(request: APIRequestContext, base: string, days: number) {
  const detail = await request.get(`${base}/api/manifests/${ENTERPRISE}`);
  if (!detail.ok()) throw new Error(`GET manifest: ${detail.status()}`);
  const { draft } = (await detail.json()) as { draft: { yaml: string; revision: number } };
  const yaml = draft.yaml.replace(/data_retention_days: \d+/, `data_retention_days: ${days}`);
  if (yaml === draft.yaml) throw new Error("the enterprise draft has no data_retention_days to edit");
  const saved = await request.put(`${base}/api/manifests/${ENTERPRISE}/draft`, { data: { yaml, baseRevision: draft.revision }, headers: { origin: base } });
  if (!saved.ok()) throw new Error(`PUT draft: ${saved.status()} ${await saved.text()}`);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "mesh-bench-impact-"));
  const load = spawnSync("node_modules/.bin/tsx", ["scripts/load-scale-org.ts", "--domains", String(DOMAINS), "--products", String(PRODUCTS)], { env: { ...process.env, MESH_DATA_DIR: dataDir }, stdio: "inherit" });
  if (load.status !== 0) throw new Error("scale:load failed");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startApp(dataDir, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const signIn = await page.request.post(`${base}/api/auth/sign-in/email`, { data: { email: "cto@acme.example", password: "mesh-demo" }, headers: { origin: base } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const preview = async () => {
      const t = performance.now();
      const res = await page.request.get(`${base}/api/manifests/${ENTERPRISE}/impact`, { timeout: 600_000 });
      if (!res.ok()) throw new Error(`GET impact: ${res.status()} ${await res.text()}`);
      const body = await res.text();
      return { ms: performance.now() - t, bytes: body.length, summary: (JSON.parse(body) as { summary: Record<string, { domains: number; products: number }> }).summary };
    };

    await editDraft(page.request, base, 45);
    const cold = await preview();
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await editDraft(page.request, base, 46 + i);
      warm.push((await preview()).ms);
    }

    // The dialog: the enterprise page with a saved draft, "Publish…" clicked, until the counts show.
    const dialogMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await editDraft(page.request, base, 60 + i);
      await page.goto(`${base}/enterprise`);
      const open = page.getByRole("button", { name: "Publish…" });
      await open.waitFor({ timeout: 120_000 });
      // The page settled (hydrated, its own queries answered): the time is the dialog's, not the page load's.
      await page.waitForLoadState("networkidle");
      dialogMs.push(await page.evaluate<number>(DIALOG_SCRIPT));
    }

    const s = cold.summary;
    console.log(`\nimpact preview of one enterprise edit (retention floor raised), next start on SQLite, ${DOMAINS} × ${PRODUCTS} = ${DOMAINS * PRODUCTS} products; median of ${RUNS} edits`);
    console.log(`breaks ${s.broken.domains} domains and ${s.broken.products} products, changes ${s.changed.domains + s.changed.products} more; first screen ${(cold.bytes / 1e3).toFixed(0)} kB\n`);
    const verdict = (ms: number, target: number) => (ms < target ? "met" : "MISSED");
    console.table({
      "GET …/impact, first after the start (current tree evaluated too)": { ms: Math.round(cold.ms), target: "", verdict: "" },
      "GET …/impact, a new draft edit (current tree evaluated)": { ms: Math.round(median(warm)), target: "", verdict: "" },
      "dialog: click Publish… until the counts show": { ms: Math.round(median(dialogMs)), target: "< 1000", verdict: verdict(median(dialogMs), 1000) },
    });
  } finally {
    await browser.close();
    await stopApp(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

#!/usr/bin/env node
// npm start: migrates the database, builds the app when the build is missing or older than the
// sources, then serves it. On the embedded default (no NODE_ENV=production, no PostgreSQL
// DATABASE_URL) this is the demo: MESH_DEMO=1 seeds the demo organisation and users (idempotent)
// and the console says so on every page. Otherwise nothing is seeded and the server refuses to
// start without BETTER_AUTH_SECRET or while demo accounts exist (see SECURITY.md).
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const production = process.env.NODE_ENV === "production";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (env.MESH_DEMO === undefined && !production && !postgres) env.MESH_DEMO = "1";
const demo = env.MESH_DEMO === "1";

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

run("node_modules/.bin/tsx", ["scripts/db-seed.ts"]);

const buildId = ".next/BUILD_ID";
const sources = ["app", "components", "lib", "server", "public"].map(newestMtime);
if (!existsSync(buildId) || Math.max(...sources) > statSync(buildId).mtimeMs) {
  console.log("building the console (first start or sources changed)…");
  run("node_modules/.bin/next", ["build"]);
}

const port = process.env.PORT ?? "3000";
console.log(
  demo
    ? `\nMesh Console (DEMO): http://localhost:${port}  (demo users: see README, password mesh-demo; not for real use)\n`
    : `\nMesh Console: http://localhost:${port}\n`,
);
const server = spawn("node_modules/.bin/next", ["start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

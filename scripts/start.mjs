#!/usr/bin/env node
// npm start: the console on the embedded default. Migrates and seeds the database
// (idempotent), builds the app when the build is missing or older than the sources,
// then serves it. With DATABASE_URL set, the same steps run against PostgreSQL.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
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
console.log(`\nMesh Console: http://localhost:${port}  (demo users: see README, password mesh-demo)\n`);
const server = spawn("node_modules/.bin/next", ["start", "-p", port], { stdio: "inherit", env: { ...process.env, MESH_DEMO: process.env.MESH_DEMO ?? "1" } });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

#!/usr/bin/env node
// Playwright's webServer: gives the app a fresh MESH_DATA_DIR, migrated and seeded with the demo
// organisation and users (scripts/db-seed.ts), or with MESH_E2E_ORG=DxP a generated organisation
// of D domains × P products (scripts/load-scale-org.ts), then runs the given command
// (e.g. `node_modules/.bin/next start -p 3210`) and forwards stop signals to it, so no server outlives the tests.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/e2e-server.mjs COMMAND [ARGS...]");
  process.exit(2);
}

const dataDir = path.resolve(process.env.MESH_DATA_DIR ?? ".tmp/e2e-data");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const env = { ...process.env, MESH_DATA_DIR: dataDir };

const generated = process.env.MESH_E2E_ORG?.match(/^(\d+)x(\d+)$/);
const seedArgs = generated ? ["scripts/load-scale-org.ts", "--domains", generated[1], "--products", generated[2]] : ["scripts/db-seed.ts"];
const seed = spawnSync("node_modules/.bin/tsx", seedArgs, { stdio: "inherit", env });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const child = spawn(command, args, { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

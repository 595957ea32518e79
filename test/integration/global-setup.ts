// Integration suite setup. MESH_TEST_DB=sqlite (default) | postgres selects the database
// every integration test runs against; for postgres a throwaway server is started here
// (scripts/pg-test-server.sh) and stopped afterwards unless it was already running.
import { execFileSync } from "node:child_process";
import pg from "pg";
import type { TestProject } from "vitest/node";

export type TestDialect = "sqlite" | "postgres";

declare module "vitest" {
  export interface ProvidedContext {
    meshTestDb: TestDialect;
    pgAdminUrl?: string;
  }
}

function testDialect(value: string | undefined): TestDialect {
  if (value === undefined || value === "" || value === "sqlite") return "sqlite";
  if (value === "postgres") return "postgres";
  throw new Error(`MESH_TEST_DB must be sqlite or postgres, got ${value}`);
}

const PG_SCRIPT = "scripts/pg-test-server.sh";
const ADMIN_DB = "mesh_test_admin";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | void> {
  const dialect = testDialect(process.env.MESH_TEST_DB);
  project.provide("meshTestDb", dialect);
  if (dialect !== "postgres") return;
  const port = process.env.MESH_PG_PORT ?? "55432";
  const alreadyRunning = await reachable(`postgresql://postgres@127.0.0.1:${port}/postgres`);
  const adminUrl = execFileSync(PG_SCRIPT, ["start", ADMIN_DB], { encoding: "utf8" }).trim();
  project.provide("pgAdminUrl", adminUrl);
  if (!alreadyRunning) return () => void execFileSync(PG_SCRIPT, ["stop"], { stdio: "inherit" });
}

import { randomBytes } from "node:crypto";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Modules marked `import "server-only"` run in tests as they do in Next's server bundle.
  resolve: { alias: { "server-only": new URL("node_modules/server-only/empty.js", import.meta.url).pathname } },
  test: {
    projects: [
      {
        extends: true,
        // Property tests run thousands of cases; a loaded 2-core CI machine must not fail a correct run
        // on vitest's 5 s default (no test asserts timing).
        test: { name: "unit", include: ["lib/**/*.test.ts", "test/unit/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          // test/integration-postgres/ needs PostgreSQL (several instances on one database): only
          // included when the suite runs on it, so the SQLite run shows no skipped tests.
          include: ["test/integration/**/*.test.ts", ...(process.env.MESH_TEST_DB === "postgres" ? ["test/integration-postgres/**/*.test.ts"] : [])],
          // Starts the real services the suite needs (PostgreSQL when MESH_TEST_DB=postgres).
          globalSetup: ["test/integration/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          // The suite's servers and in-process auth run as the demo (seeded demo users), with a
          // session secret generated for this run; production-mode tests override both.
          env: { MESH_DEMO: "1", BETTER_AUTH_SECRET: randomBytes(32).toString("base64url") },
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

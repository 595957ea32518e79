import { defineConfig } from "@playwright/test";

const PORT = 3210;
const OIDC_PORT = 3211; // e2e/support/oidc-provider.mjs: the IdP the SSO test signs in through
const SCALE_PORT = 3212; // a second app holding a generated 50 × 500 organisation (e2e/tree-scale.spec.ts)
const SCALE_SPEC = /tree-scale\.spec\.ts/;
// e2e/z-exceptions-notifications.spec.ts runs its own SMTP server here, and the demo app mails it.
const SMTP_PORT = 3217;

// Debian's chromium: Playwright's own browser download is unavailable offline.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  workers: 1, // 2-core machines: the app server needs the other core
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // The scale project runs last, when its server has long finished evaluating 25,000 products.
  projects: [
    { name: "demo", testIgnore: SCALE_SPEC },
    { name: "scale", testMatch: SCALE_SPEC, use: { baseURL: `http://127.0.0.1:${SCALE_PORT}` } },
  ],
  webServer: [
    {
      command: "node e2e/support/oidc-provider.mjs",
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      env: { OIDC_TEST_PORT: String(OIDC_PORT), OIDC_TEST_APP_URL: `http://127.0.0.1:${PORT}` },
    },
    {
      // The built app (npm run test:e2e builds first). No npx: it would leave the next-server child running.
      command: `node scripts/e2e-server.mjs node_modules/.bin/next start -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        MESH_DATA_DIR: ".tmp/e2e-data",
        NEXT_TELEMETRY_DISABLED: "1",
        BETTER_AUTH_URL: `http://127.0.0.1:${PORT}`,
        AUTH_RATE_LIMIT: "off", // every spec signs in; the per-IP limit would throttle the suite
        MESH_DEMO: "1",
        OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        OIDC_CLIENT_ID: "mesh-console",
        OIDC_CLIENT_SECRET: "mesh-console-e2e-secret",
        OIDC_ROLE_RECHECK_SECONDS: "0", // every request re-reads an SSO user's roles, so e2e/auth-sso.spec.ts sees a removal at once
        MESH_SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MESH_OUTBOX_POLL_MS: "250",
      },
    },
    {
      command: `node scripts/e2e-server.mjs node_modules/.bin/next start -p ${SCALE_PORT}`,
      url: `http://127.0.0.1:${SCALE_PORT}/sign-in`,
      reuseExistingServer: false,
      timeout: 180_000, // loading 25,000 products takes about 20 s, longer on a busy machine
      stdout: "pipe",
      stderr: "pipe",
      env: {
        MESH_DATA_DIR: ".tmp/e2e-scale-data",
        MESH_E2E_ORG: "50x500",
        MESH_DEMO: "1",
        NEXT_TELEMETRY_DISABLED: "1",
        BETTER_AUTH_URL: `http://127.0.0.1:${SCALE_PORT}`,
        AUTH_RATE_LIMIT: "off",
      },
    },
  ],
});

// Security regression tests for production mode and sign-in (issue 12), over HTTP against the
// built console (`next start`) on embedded data directories of their own. Each states the exact
// refusal, that nothing changed, and that the server still answers. Always SQLite (the embedded
// default), whatever MESH_TEST_DB says. Needs a production build (made here when missing).
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../server/db/client";
import { DEMO_PASSWORD, DEMO_USERS } from "../../server/seed/seed-users";
import { embeddedEnv, ensureBuild, expectRefusedStart, newDataDir, removeDataDir, runScript, startNext, type NextServer } from "../support/next-start";

const secret = () => randomBytes(32).toString("base64url");
const ADMIN = "admin@corp.example";
const ADMIN_PASSWORD = "correct horse battery staple";
const CTO = DEMO_USERS[0].email;

const dataDirs: string[] = [];
const servers: NextServer[] = [];
function dataDir(label: string): string {
  const dir = newDataDir(label);
  dataDirs.push(dir);
  return dir;
}
async function serve(env: NodeJS.ProcessEnv): Promise<NextServer> {
  const server = await startNext(env);
  servers.push(server);
  return server;
}

/** Reads the data directory's database directly (the server may be running: SQLite WAL readers do not block it). */
async function inDatabase<T>(dir: string, read: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(`file:${join(dir, "mesh.db")}`);
  try {
    return await read(db);
  } finally {
    await db.$disconnect();
  }
}

function signInRequest(base: string, email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...headers },
    body: JSON.stringify({ email, password }),
    redirect: "manual",
  });
}
/** A script or CLI run that must succeed (for set-up steps); its result. */
function mustRun(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const result = runScript(args, env, input);
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
const me = (base: string, cookie: string) => fetch(`${base}/api/me`, { headers: { cookie } });

beforeAll(() => ensureBuild(), 600_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const dir of dataDirs) removeDataDir(dir);
});

describe("production start", () => {
  it("refuses to start, with one message, while demo accounts with the demo password exist (MESH_DEMO unset)", { timeout: 120_000 }, async () => {
    const dir = dataDir("prod-demo-users");
    const seeded = runScript(["scripts/db-seed.ts"], embeddedEnv(dir, { MESH_DEMO: "1" }));
    expect(seeded.status, seeded.stderr).toBe(0);
    const before = await inDatabase(dir, (db) => Promise.all([db.user.count(), db.account.count(), db.auditEvent.count()]));

    const start = await expectRefusedStart(embeddedEnv(dir, { BETTER_AUTH_SECRET: secret() }));
    expect(start.answered, start.output).toBe(false);
    expect(start.code).toBe(1);
    expect(start.output).toContain("Mesh Console refuses to start: demo accounts with the published demo password exist in this database");
    expect(start.output).toContain(CTO);
    expect(start.output.match(/refuses to start/g)).toHaveLength(1);
    expect(await inDatabase(dir, (db) => Promise.all([db.user.count(), db.account.count(), db.auditEvent.count()]))).toEqual(before);

    // The way out it names: remove the demo access, then the same start succeeds.
    const removed = runScript(["mesh", "admin", "remove-demo-accounts"], embeddedEnv(dir));
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stdout).toContain(CTO);
    const server = await serve(embeddedEnv(dir, { BETTER_AUTH_SECRET: secret() }));
    expect((await signInRequest(server.base, CTO, DEMO_PASSWORD)).status).toBe(401);
    await server.stop();
  });

  it("refuses to start without BETTER_AUTH_SECRET outside the demo (no public fallback)", { timeout: 120_000 }, async () => {
    const dir = dataDir("prod-no-secret");
    expect(runScript(["scripts/db-seed.ts"], embeddedEnv(dir)).status).toBe(0);
    const start = await expectRefusedStart(embeddedEnv(dir));
    expect(start.answered, start.output).toBe(false);
    expect(start.code).toBe(1);
    expect(start.output).toContain("Mesh Console refuses to start: BETTER_AUTH_SECRET must be set");
  });
});

// better-auth allows 3 sign-in attempts per 10 s per client address: this block signs in 3 times
// (demo password refused, the bootstrapped admin, a session to revoke) and reuses the sessions.
describe("a production deployment", () => {
  let dir: string;
  let server: NextServer;
  let base: string;
  let admin: { cookie: string; setCookies: string[] };

  beforeAll(async () => {
    dir = dataDir("prod");
    mustRun(["scripts/db-seed.ts"], embeddedEnv(dir));
    server = await serve(embeddedEnv(dir, { BETTER_AUTH_SECRET: secret() }));
    base = server.base;
  }, 120_000);

  it("seeds no demo organisation and no account; the demo password opens nothing and the page shows no demo", async () => {
    expect(await inDatabase(dir, (db) => Promise.all([db.user.count(), db.account.count(), db.organisation.count(), db.roleMembership.count()]))).toEqual([0, 0, 0, 0]);
    const res = await signInRequest(base, CTO, DEMO_PASSWORD);
    expect(res.status).toBe(401);
    const page = await (await fetch(`${base}/sign-in`)).text();
    expect(page).not.toContain(DEMO_PASSWORD);
    expect(page).not.toContain(CTO);
    expect(page).not.toContain('aria-label="Demo"');
  });

  it("makes the first platform admin with `mesh admin bootstrap`, once, audited", { timeout: 120_000 }, async () => {
    const first = runScript(["mesh", "admin", "bootstrap", "--email", ADMIN, "--name", "First Admin"], embeddedEnv(dir), `${ADMIN_PASSWORD}\n`);
    expect(first.status, first.stderr).toBe(0);
    const signedIn = await signInRequest(base, ADMIN, ADMIN_PASSWORD);
    expect(signedIn.status).toBe(200);
    admin = { cookie: cookieOf(signedIn), setCookies: signedIn.headers.getSetCookie() };
    const body = await (await me(base, admin.cookie)).json();
    expect(body.memberships).toEqual([{ role: "platform_admin", domainId: null, team: null }]);

    const second = runScript(["mesh", "admin", "bootstrap", "--email", "intruder@corp.example"], embeddedEnv(dir, { MESH_ADMIN_PASSWORD: "another long password" }));
    expect(second.status).toBe(1);
    expect(second.stderr).toContain("refused: a platform admin already exists");
    const state = await inDatabase(dir, async (db) => ({
      users: (await db.user.findMany({ select: { email: true } })).map((u) => u.email),
      admins: await db.roleMembership.count({ where: { role: "platform_admin" } }),
      grants: (await db.auditEvent.findMany({ where: { action: "role.grant" } })).map((e) => JSON.parse(e.data)),
    }));
    expect(state).toEqual({ users: [ADMIN], admins: 1, grants: [{ email: ADMIN, role: "platform_admin", domainId: null, team: null, source: "bootstrap" }] });
    expect((await fetch(`${base}/api/me`)).status).toBe(401);
  });

  it("sends session cookies Secure outside the demo, whatever BETTER_AUTH_URL (http here) says", () => {
    expect(admin.setCookies.length).toBeGreaterThan(0);
    for (const cookie of admin.setCookies) expect(cookie).toMatch(/;\s*Secure/i);
  });

  it("ends a copied session cookie at once when its session signs out", async () => {
    const signedIn = await signInRequest(base, ADMIN, ADMIN_PASSWORD);
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);
    const copy = cookie;
    expect((await me(base, copy)).status).toBe(200);
    const out = await fetch(`${base}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: base, "content-type": "application/json" }, body: "{}" });
    expect(out.status).toBe(200);
    const after = await me(base, copy);
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe("UNAUTHENTICATED");
    // Only that session ended: the admin's other one still works.
    expect((await me(base, admin.cookie)).status).toBe(200);
  });

  it.each(["/%09/evil.example", "//evil.example", "/\\evil.example", "/%5C/evil.example", "https://evil.example", "https:evil.example", "/.//evil.example", "%2F%2Fevil.example", "/%0A/evil.example"])(
    "sends a signed-in user from /sign-in?next=%s to a path on this console",
    async (next) => {
      const res = await fetch(`${base}/sign-in?next=${next}`, { headers: { cookie: admin.cookie }, redirect: "manual" });
      expect(res.status).toBe(307);
      const location = res.headers.get("location")!;
      // Resolved the way a browser resolves it (WHATWG URL: tabs and newlines dropped, \ read as /).
      expect(new URL(location, `${base}/sign-in`).origin).toBe(base);
      expect(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\")).toBe(true);
    },
  );

  it("puts security headers on pages, API answers and raw YAML, and a nonce on every page script", async () => {
    const page = await fetch(`${base}/sign-in`);
    const api = await fetch(`${base}/api/me`);
    const raw = await fetch(`${base}/r/registry.acme.example/floe/x/1.0.0.yaml`);
    expect([page.status, api.status, raw.status]).toEqual([200, 401, 401]);
    for (const res of [page, api, raw]) {
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("strict-transport-security")).toBeNull(); // plain http
    }
    expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");
    const csp = page.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await page.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A second page load gets a different nonce.
    const again = (await fetch(`${base}/sign-in`)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
    // Behind an https proxy: HSTS.
    for (const path of ["/sign-in", "/api/me"]) {
      const https = await fetch(`${base}${path}`, { headers: { "x-forwarded-proto": "https" } });
      expect(https.headers.get("strict-transport-security")).toContain("max-age=");
    }
  });

  // Last in this block: it uses up this address's sign-in allowance for a few seconds.
  it("limits sign-in per client address whatever X-Forwarded-For claims (no trusted proxy configured)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await signInRequest(base, `nobody-${i}@corp.example`, "wrong password", { "x-forwarded-for": `203.0.113.${i + 1}` });
      statuses.push(res.status);
    }
    // better-auth allows 3 sign-in attempts per 10 s per address; rotating the header does not make new addresses.
    expect(statuses.every((s) => s === 401 || s === 429), statuses.join(",")).toBe(true);
    expect(statuses.filter((s) => s === 429).length, statuses.join(",")).toBeGreaterThanOrEqual(9);
    expect((await fetch(`${base}/api/me`)).status).toBe(401);
    expect(await inDatabase(dir, (db) => db.session.count({ where: { user: { email: { startsWith: "nobody-" } } } }))).toBe(0);
  });
});

describe("behind a trusted proxy", () => {
  let dir: string;
  let base: string;

  beforeAll(async () => {
    dir = dataDir("prod-proxy");
    mustRun(["scripts/db-seed.ts"], embeddedEnv(dir));
    mustRun(["mesh", "admin", "bootstrap", "--email", ADMIN], embeddedEnv(dir, { MESH_ADMIN_PASSWORD: ADMIN_PASSWORD }));
    base = (await serve(embeddedEnv(dir, { BETTER_AUTH_SECRET: secret(), MESH_TRUSTED_PROXIES: "127.0.0.1" }))).base;
  }, 120_000);

  it("locks an account after repeated wrong passwords from many addresses: 200 wrong, then the right one is refused too", { timeout: 120_000 }, async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      // Each attempt from another client address, as a botnet behind the proxy would send them.
      const res = await signInRequest(base, ADMIN, `wrong-${i}`, { "x-forwarded-for": `198.51.100.${i % 250}, 10.1.${i >> 8}.${i % 256}` });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    // The per-address limit never applied (every client distinct); the account lock did, after 10.
    expect(Object.fromEntries(statuses)).toEqual({ 401: 10, 429: 190 });
    const right = await signInRequest(base, ADMIN, ADMIN_PASSWORD, { "x-forwarded-for": "192.0.2.77" });
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ code: "ACCOUNT_LOCKED" });
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(right.headers.getSetCookie()).toEqual([]);
    expect(await inDatabase(dir, (db) => db.session.count())).toBe(0);
    expect((await fetch(`${base}/api/me`)).status).toBe(401);
  });

  it("limits each client address behind the proxy separately, not all users as one", async () => {
    const from = (ip: string) => signInRequest(base, "someone@corp.example", "wrong", { "x-forwarded-for": ip });
    const first: number[] = [];
    for (let i = 0; i < 5; i++) first.push((await from("192.0.2.10")).status);
    expect(first.slice(0, 3)).toEqual([401, 401, 401]);
    expect(first.slice(3)).toEqual([429, 429]);
    expect((await from("192.0.2.11")).status).toBe(401);
  });
});

describe("with single sign-on configured, outside the demo", () => {
  it("switches password sign-in off by default", { timeout: 120_000 }, async () => {
    const dir = dataDir("prod-sso");
    expect(runScript(["scripts/db-seed.ts"], embeddedEnv(dir)).status).toBe(0);
    expect(runScript(["mesh", "admin", "bootstrap", "--email", ADMIN], embeddedEnv(dir, { MESH_ADMIN_PASSWORD: ADMIN_PASSWORD })).status).toBe(0);
    const server = await serve(
      embeddedEnv(dir, { BETTER_AUTH_SECRET: secret(), OIDC_ISSUER: "http://127.0.0.1:9/idp", OIDC_CLIENT_ID: "mesh", OIDC_CLIENT_SECRET: secret() }),
    );
    const res = await signInRequest(server.base, ADMIN, ADMIN_PASSWORD);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "PASSWORD_SIGN_IN_OFF" });
    expect(res.headers.getSetCookie()).toEqual([]);
    const page = await (await fetch(`${server.base}/sign-in`)).text();
    expect(page).toMatch(/Sign in with (<!-- -->)?SSO/);
    expect(page).not.toContain('id="password"');
    await server.stop();
  });
});

#!/usr/bin/env node
// A real OpenID Connect provider on localhost for the SSO e2e test (oidc-provider, with its
// development login and consent pages). Playwright starts it as a webServer before the app.
// One client (the console) and a few accounts whose `groups` claim carries mesh roles.
// usage: node e2e/support/oidc-provider.mjs   (env: OIDC_TEST_PORT, OIDC_TEST_APP_URL)
import Provider from "oidc-provider";

export const OIDC_TEST_CLIENT = { id: "mesh-console", secret: "mesh-console-e2e-secret" };

/** Login name (typed on the provider's login page) → claims. */
export const OIDC_TEST_ACCOUNTS = {
  "sales-lead": { email: "sales-lead@sso.acme.example", name: "Sol Sanders", groups: ["mesh:domain-owner:sales", "all-staff"] },
  // No mesh:* group: the console refuses the sign-in.
  outsider: { email: "outsider@sso.acme.example", name: "Otto Outsider", groups: ["all-staff"] },
  // Its groups are changed during a test (POST /test/groups/finance-lead), to see the console follow.
  "finance-lead": { email: "finance-lead@sso.acme.example", name: "Fiona Finch", groups: ["mesh:domain-owner:finance"] },
};

/** Test-only control: `POST /test/groups/<login>` with a JSON array replaces that account's groups (as an IdP admin would). */
export const GROUPS_PATH = "/test/groups/";

export function createTestProvider({ port, appUrl }) {
  const groups = new Map(Object.entries(OIDC_TEST_ACCOUNTS).map(([login, account]) => [login, account.groups]));
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: OIDC_TEST_CLIENT.id,
        client_secret: OIDC_TEST_CLIENT.secret,
        redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    async findAccount(_ctx, sub) {
      const account = OIDC_TEST_ACCOUNTS[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email_verified: true, ...account, groups: groups.get(sub) }) };
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["mesh-e2e-oidc-cookie-key"] },
  });
  provider.use(async (ctx, next) => {
    if (ctx.method !== "POST" || !ctx.path.startsWith(GROUPS_PATH)) return next();
    const login = decodeURIComponent(ctx.path.slice(GROUPS_PATH.length));
    let body = "";
    for await (const chunk of ctx.req) body += chunk;
    const value = JSON.parse(body);
    if (!groups.has(login) || !Array.isArray(value)) {
      ctx.status = 400;
      return;
    }
    groups.set(login, value);
    ctx.status = 204;
  });
  return provider;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.OIDC_TEST_PORT ?? 3211);
  const appUrl = process.env.OIDC_TEST_APP_URL ?? "http://127.0.0.1:3210";
  const server = createTestProvider({ port, appUrl }).listen(port, "127.0.0.1");
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
}

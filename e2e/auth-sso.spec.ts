// Single sign-on through a real OpenID Connect provider on localhost (e2e/support/oidc-provider.mjs,
// started by playwright.config.ts): the IdP's `groups` claim becomes the console role.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInAs } from "./support/auth";
import { GROUPS_PATH, OIDC_TEST_ACCOUNTS } from "./support/oidc-provider.mjs";
import { saveScreenshot } from "./screenshot";

const account = OIDC_TEST_ACCOUNTS["sales-lead"];

test("signing in through the OIDC provider maps mesh:domain-owner:sales to the sales domain owner role, and the server enforces it", async ({ page, baseURL }, testInfo) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with SSO" }).click();

  // The provider's own (development) login and consent pages.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3211\/interaction\//);
  await page.locator('input[name="login"]').fill("sales-lead");
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL("http://127.0.0.1:3210/");
  const menuButton = page.getByRole("banner").getByRole("button", { name: account.name });
  await expect(menuButton).toBeVisible();
  await menuButton.click();
  await expect(page.getByRole("region", { name: "Account" }).getByRole("list", { name: "Roles" }).getByRole("listitem")).toHaveText([
    "Domain owner: sales",
  ]);
  await saveScreenshot(page, "sso-signed-in", testInfo);

  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body.user.email).toBe(account.email);
  const sales = await (await page.request.get("/api/manifests/sales")).json();
  expect(body.memberships).toEqual([{ role: "domain_owner", domainId: sales.manifest.id, team: null }]);

  // The mapped role is what the server enforces: the sales draft saves, marketing's is refused.
  // (Each draft is saved unchanged, so the demo data other specs use keeps its content.)
  // Another domain's draft is not even shown (null): the attempt sends the published text.
  const saveDraft = async (name: string) => {
    const detail = await (await page.request.get(`/api/manifests/${name}`)).json();
    const draft = detail.draft ?? { yaml: (await (await page.request.get(`/api/manifests/${name}/versions/${detail.versions[0].version}`)).json()).yaml, revision: 0 };
    const res = await page.request.put(`/api/manifests/${name}/draft`, { headers: { origin: baseURL! }, data: { yaml: draft.yaml, baseRevision: draft.revision } });
    const after = (await (await page.request.get(`/api/manifests/${name}`)).json()).draft;
    return { status: res.status(), body: await res.json(), before: draft, after };
  };
  const ownDomain = await saveDraft("sales");
  expect(ownDomain.status).toBe(200);
  expect(ownDomain.body.revision).toBe(ownDomain.before.revision + 1);
  expect(ownDomain.after).toMatchObject({ revision: ownDomain.before.revision + 1, updatedBy: account.email });
  const otherDomain = await saveDraft("marketing");
  expect(otherDomain.status).toBe(403);
  expect(otherDomain.body.error.code).toBe("FORBIDDEN");
  expect(otherDomain.after).toBeNull();
});

/** Through the provider's login and consent pages as `login`; the console takes over after. */
async function ssoSignIn(page: Page, login: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3211\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

const setGroups = (request: APIRequestContext, login: string, groups: string[]) => request.post(`http://127.0.0.1:3211${GROUPS_PATH}${login}`, { data: groups });

test("an identity the IdP vouches for but without any mesh:* group is refused, with a message", async ({ page }) => {
  await ssoSignIn(page, "outsider");
  await expect(page).toHaveURL(/\/sign-in\?error=NO_MESH_ROLE/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your account has no Mesh Console role. Ask your administrator to add you to a mesh:* group.");
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("a role removed at the IdP is removed from the signed-in session, and grants and revocations are audited", async ({ page, browser }) => {
  const account = OIDC_TEST_ACCOUNTS["finance-lead"];
  expect((await setGroups(page.request, "finance-lead", ["mesh:domain-owner:finance"])).status()).toBe(204);
  await ssoSignIn(page, "finance-lead");
  await expect(page).toHaveURL("http://127.0.0.1:3210/");
  const finance = await (await page.request.get("/api/manifests/finance")).json();
  expect((await (await page.request.get("/api/me")).json()).memberships).toEqual([{ role: "domain_owner", domainId: finance.manifest.id, team: null }]);

  // The IdP's admin takes the group away: the next request of the same session is refused.
  expect((await setGroups(page.request, "finance-lead", ["all-staff"])).status()).toBe(204);
  const after = await page.request.get("/api/me");
  expect(after.status()).toBe(401);
  await page.goto("/domains/finance");
  await expect(page).toHaveURL(/\/sign-in/);

  // Read as the CTO: the grant at sign-in and the revocation, each an audit event.
  const cto = await browser.newContext();
  const ctoPage = await cto.newPage();
  await signInAs(ctoPage, "cto@acme.example");
  const events = (await (await ctoPage.request.get("/api/audit?entityType=User&limit=500")).json()).events as { action: string; actorEmail: string; data: { email?: string; role?: string; source?: string } }[];
  const mine = events.filter((e) => e.data.email === account.email || e.action === "session.revoke").map((e) => `${e.action} ${e.data.role ?? ""} ${e.data.source ?? ""}`.trim());
  expect(mine).toContain("role.grant domain_owner sign-in");
  expect(mine).toContain("role.revoke domain_owner re-check");
  expect(mine).toContain("session.revoke");
  await cto.close();
  // Back at the IdP as it was, for reruns.
  await setGroups(page.request, "finance-lead", ["mesh:domain-owner:finance"]);
});

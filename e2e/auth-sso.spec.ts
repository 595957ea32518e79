// Single sign-on through a real OpenID Connect provider on localhost (e2e/support/oidc-provider.mjs,
// started by playwright.config.ts): the IdP's `groups` claim becomes the console role.
import { expect, test } from "@playwright/test";
import { OIDC_TEST_ACCOUNTS } from "./support/oidc-provider.mjs";
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
  const saveDraft = async (name: string) => {
    const { draft } = await (await page.request.get(`/api/manifests/${name}`)).json();
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
  expect(otherDomain.after.revision).toBe(otherDomain.before.revision);
});

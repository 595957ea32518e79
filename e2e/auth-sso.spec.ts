// Single sign-on through a real OpenID Connect provider on localhost (e2e/support/oidc-provider.mjs,
// started by playwright.config.ts): the IdP's `groups` claim becomes the console role.
import { expect, test } from "@playwright/test";
import { OIDC_TEST_ACCOUNTS } from "./support/oidc-provider.mjs";
import { saveScreenshot } from "./screenshot";

const account = OIDC_TEST_ACCOUNTS["sales-lead"];

test("signing in through the OIDC provider maps mesh:domain-owner:sales to the sales domain owner role", async ({ page }, testInfo) => {
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
  expect(body.memberships).toEqual([expect.objectContaining({ role: "domain_owner", domainId: expect.any(String) })]);
});

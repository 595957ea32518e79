import { expect, test } from "@playwright/test";
import { DEMO_USERS, signInAs, type DemoUser } from "./support/auth";
import { saveScreenshot } from "./screenshot";

test("signed out, every page leads to the sign-in page and back after signing in", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // `npm start` on the embedded default is a demo, and says so.
  await expect(page.getByRole("note", { name: "Demo" })).toContainText("Demo");
  await saveScreenshot(page, "sign-in", testInfo);

  await page.goto("/audit?action=publish");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit%3Faction%3Dpublish$/);
  await page.getByLabel("Email", { exact: true }).fill("cto@acme.example");
  await page.getByLabel("Password", { exact: true }).fill("mesh-demo");
  await page.getByLabel("Password", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/\/audit\?action=publish$/);
  await expect(page.getByRole("banner").getByRole("note", { name: "Demo" })).toBeVisible();
});

test("pages run under the Content-Security-Policy without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/sign-in");
  const csp = (await page.request.get("/sign-in")).headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await page.getByLabel("Email", { exact: true }).fill("cto@acme.example");
  await page.getByLabel("Password", { exact: true }).fill("mesh-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("banner").getByRole("button", { name: "Dana Whitfield" })).toBeVisible();
  // The editor (CodeMirror injects styles), the tree canvas, a product page: all interactive.
  for (const path of ["/enterprise", "/tree", "/products/churn-signals"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill("cto@acme.example");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in$/);
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
});

const roleLabel = (m: DemoUser["memberships"][number]) =>
  m.role === "platform_admin" ? "Platform admin" : m.role === "domain_owner" ? `Domain owner: ${m.domain}` : m.role === "viewer" ? "Viewer (reads, changes nothing)" : `Product team: ${m.team}`;

for (const user of DEMO_USERS) {
  test(`demo user ${user.email} signs in from the demo list, sees their name and roles, signs out`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: `Use ${user.name} ${user.email}` }).click();
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(page).toHaveURL(/\/$/);
    const menuButton = page.getByRole("banner").getByRole("button", { name: user.name });
    await expect(menuButton).toBeVisible();
    await menuButton.click();
    const account = page.getByRole("region", { name: "Account" });
    await expect(account.getByText(user.email)).toBeVisible();
    await expect(account.getByRole("list", { name: "Roles" }).getByRole("listitem")).toHaveText(user.memberships.map(roleLabel));

    await account.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

test("the API answers 401 without a session and 401 with a forged one", async ({ page, context }) => {
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
  expect((await me.json()).error.code).toBe("UNAUTHENTICATED");

  await context.addCookies([{ name: "better-auth.session_token", value: "forged.token", url: "http://127.0.0.1:3210" }]);
  expect((await page.request.get("/api/tree")).status()).toBe(401);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("signInAs helper gives the browser a session", async ({ page }) => {
  await signInAs(page, "analyst@acme.example");
  await page.goto("/");
  await expect(page.getByRole("banner").getByRole("button", { name: "Ana Petrova" })).toBeVisible();
});

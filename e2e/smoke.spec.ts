import { expect, test } from "@playwright/test";
import { signInAs } from "./support/auth";
import { saveScreenshot } from "./screenshot";

test.beforeEach(async ({ page }) => {
  await signInAs(page, "cto@acme.example");
});

test("the console shell: wordmark, navigation with the current page marked", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Mesh Console" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Domains" }).click();
  await expect(page).toHaveURL(/\/domains$/);
  await expect(nav.getByRole("link", { name: "Domains" })).toHaveAttribute("aria-current", "page");
});

test("⌘K opens the command menu and navigates", async ({ page }, testInfo) => {
  await page.goto("/");
  await page.keyboard.press("ControlOrMeta+k");
  const menu = page.getByRole("dialog");
  await expect(menu).toBeVisible();
  await page.keyboard.type("aud");
  await expect(menu.getByRole("option", { name: "Audit log" })).toBeVisible();
  await saveScreenshot(page, "command-menu", testInfo);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/audit$/);
});

import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./screenshot";

test("home shows the example organisation inside the console shell", async ({ page }, testInfo) => {
  await page.goto("/");

  await expect(page.getByRole("link", { name: "Mesh Console" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name: "Organisation" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "acme-enterprise" })).toBeVisible();

  const domains = page.getByRole("list", { name: "Domains" });
  for (const [domain, compute, product] of [
    ["finance", "snowflake", "revenue-recognition"],
    ["marketing", "duckdb", "campaign-analytics"],
    ["sales", "snowflake", "customer-360"],
  ]) {
    const item = domains.getByRole("listitem", { name: domain, exact: true });
    await expect(item).toBeVisible();
    await expect(item.getByText(`compute: ${compute}`, { exact: true })).toBeVisible();
    await expect(item.getByRole("list", { name: `${domain} products` }).getByText(product, { exact: true })).toBeVisible();
  }

  await saveScreenshot(page, "home", testInfo);
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

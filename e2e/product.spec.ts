import { test } from "@playwright/test";
import { saveScreenshot } from "./screenshot";
import { expect } from "./support/expect";
import { sessionAs, signIn } from "./support/sign-in";

test("product team requests a product in marketing; after the owner approves it shows approved with its resolved configuration", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000); // two people's sessions
  await signIn(page, "analyst", "/requests/new");
  await page.getByLabel("Name").fill("funnel-metrics");
  await page.getByLabel("Target domain").selectOption("marketing");
  await page.getByLabel("Description").fill("Web funnel conversion by campaign and channel");
  // The floe.yaml starts from a template pointing at marketing's latest version.
  await expect(page.getByRole("textbox", { name: "floe.yaml of the requested product" })).toContainText("oci://registry.acme.example/floe/marketing:");
  await expect(page.getByText("No problems found.")).toBeVisible();
  await saveScreenshot(page, "request-new", testInfo);
  await page.getByRole("button", { name: "Request registration" }).click();

  await expect(page).toHaveURL(/\/products\/funnel-metrics$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("pending");
  await page.getByRole("tab", { name: /Registration/ }).click();
  await expect(page.getByRole("list", { name: "Registration requests" }).getByRole("listitem").first()).toContainText("pending");
  await page.goto("/");
  await expect(page.getByRole("list", { name: "My requests" })).toContainText("funnel-metrics");
  await saveScreenshot(page, "home-product-team", testInfo);

  const owner = await sessionAs(browser, "marketing");
  const queue = owner.getByRole("region", { name: "Pending approvals in marketing" }).getByRole("list", { name: "Pending requests" });
  await expect(queue).toContainText("funnel-metrics");
  await saveScreenshot(owner, "home-domain-owner", testInfo);
  await queue.getByRole("button", { name: "Approve funnel-metrics" }).click();
  await expect(owner.getByText("Request approved")).toBeVisible();
  await owner.context().close();

  await page.goto("/products/funnel-metrics");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("approved");
  await expect(page.getByRole("navigation", { name: "Resolution chain" })).toContainText("enterprise acme-enterprise");
  const table = page.getByRole("table", { name: "Resolved configuration" });
  await expect(table.getByRole("row", { name: /governance\.pii_encryption/ })).toContainText(/from enterprise \d+\.\d+\.\d+/);
  await expect(table.getByRole("row", { name: /governance\.pii_encryption/ })).toContainText("locked");
  await expect(table.getByRole("row", { name: /^plugins\.compute\.type/ })).toContainText("from domain");
  await expect(table.getByRole("row", { name: /metadata\.name/ })).toContainText("funnel-metrics");
  await saveScreenshot(page, "product", testInfo);

  await page.getByRole("tab", { name: /floe\.yaml/ }).click();
  await expect(page.getByRole("textbox", { name: "funnel-metrics floe.yaml" })).toContainText("oci://registry.acme.example/floe/marketing:");
});

test("a viewer reads products and domains without any edit control", async ({ page }, testInfo) => {
  await signIn(page, "viewer", "/products");
  await expect(page.getByRole("table", { name: "Products" })).toContainText("customer-360");
  await saveScreenshot(page, "products", testInfo);
  await page.getByRole("searchbox", { name: "Filter products by name or team" }).fill("churn");
  await expect(page.getByRole("table", { name: "Products" })).not.toContainText("customer-360");
  await expect(page.getByRole("table", { name: "Products" })).toContainText("churn-signals");
  await page.getByRole("searchbox", { name: "Filter products by name or team" }).fill("");
  await page.getByRole("link", { name: "customer-360" }).click();
  await page.getByRole("tab", { name: /floe\.yaml/ }).click();
  await expect(page.getByText("Read only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await page.goto("/enterprise");
  await expect(page.getByText("Read only")).toBeVisible();
  await expect(page.getByRole("button", { name: /Remove .* from compute whitelist/ })).toHaveCount(0);

  // Global search from the keyboard: ⌘K, type, Enter.
  await page.keyboard.press("ControlOrMeta+k");
  const menu = page.getByRole("dialog");
  await page.keyboard.type("churn");
  await expect(menu.getByRole("option", { name: /churn-signals/ })).toBeVisible();
  await saveScreenshot(page, "search", testInfo);
  await menu.getByRole("option", { name: /churn-signals/ }).click();
  await expect(page).toHaveURL(/\/products\/churn-signals$/);
});

// The organisation tree at 50 domains × 500 products (25,000), loaded by scripts/load-scale-org.ts
// into its own server (playwright.config.ts, project "scale"). Functional checks only: speed is
// measured by `npm run bench:tree`.
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/auth";

const outline = (page: Page) => page.getByRole("tree", { name: "Organisation outline" });
const canvasNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const matches = (page: Page) => page.getByRole("status").filter({ hasText: /match/ });
// A product deep in a domain near the end: generated names are `${domain}-${word}-${n}`.
const DOMAIN = "finance-3";
const PRODUCT = "finance-3-stock-496";

test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page }) => {
  await signInAs(page, "viewer@acme.example");
});

test("the whole organisation opens collapsed, with counts rolled up from 25,000 products", async ({ page }) => {
  // The server evaluates the organisation once at start; the first visit may still wait for it.
  test.setTimeout(240_000);
  await page.goto("/tree");
  const enterprise = outline(page).getByRole("treeitem", { level: 1 });
  await expect(enterprise).toContainText("25000", { timeout: 200_000 });
  // The outline is virtualised: rows out of view are not mounted, but each row says how many siblings it has.
  await expect(outline(page).getByRole("treeitem", { level: 2 }).first()).toHaveAttribute("aria-setsize", "50");
  await expect(outline(page).getByRole("treeitem", { level: 3 })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Show 500 products of ${DOMAIN}` })).toHaveCount(1);
  // End reaches the fiftieth domain, scrolled into view.
  await outline(page).focus();
  await page.keyboard.press("End");
  const active = outline(page).locator(`[id="${await outline(page).getAttribute("aria-activedescendant")}"]`);
  await expect(active).toHaveAttribute("aria-posinset", "50");
  await expect(active).toBeInViewport();
});

test("expanding a 500-product domain draws its products within the canvas's node budget", async ({ page }) => {
  await page.goto("/tree");
  await outline(page).getByRole("button", { name: `Expand ${DOMAIN}` }).click();
  await expect(page).toHaveURL(new RegExp(`open=[^&]*d%3A${DOMAIN}`));
  // The canvas centres on the domain: the products around its middle are drawn.
  const drawn = page.locator(`.react-flow__node-product[data-id^="p:${DOMAIN}-"]`);
  await expect(drawn.first()).toBeVisible();
  const firstProduct = outline(page).getByRole("treeitem", { level: 3 }).first();
  await expect(firstProduct).toContainText(`${DOMAIN}-`);
  await expect(firstProduct).toHaveAttribute("aria-setsize", "500");
  // Only what is in view is mounted, however large the domain.
  expect(await page.locator(".react-flow__node").count()).toBeLessThanOrEqual(1000);

  await outline(page).getByRole("button", { name: `Collapse ${DOMAIN}` }).click();
  await expect(drawn).toHaveCount(0);
  await expect(outline(page).getByRole("treeitem", { level: 3 })).toHaveCount(0);
});

test("search reveals a product deep in a collapsed domain; its resolved configuration opens and the URL keeps it", async ({ page, browser }) => {
  await page.goto("/tree");
  await page.getByRole("searchbox", { name: "Search the tree" }).fill(PRODUCT);
  await expect(matches(page)).toHaveText("1 match");
  await outline(page).getByRole("treeitem", { name: new RegExp(`^${PRODUCT}\\b`) }).click();

  const panel = page.getByRole("region", { name: `Details of ${PRODUCT}` });
  const chain = panel.getByRole("navigation", { name: "Provenance chain" });
  await expect(chain).toContainText("acme-enterprise");
  await expect(chain).toContainText(DOMAIN);
  await expect(panel.locator('[data-path="plugins.compute.type"]')).toContainText(/duckdb|snowflake|databricks|spark/);
  await expect(canvasNode(page, `p:${PRODUCT}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`sel=p%3A${PRODUCT}`));

  const other = await browser.newPage();
  await signInAs(other, "viewer@acme.example");
  await other.goto(page.url());
  await expect(other.getByRole("region", { name: `Details of ${PRODUCT}` })).toBeVisible();
  await expect(other.getByRole("searchbox", { name: "Search the tree" })).toHaveValue(PRODUCT);
  // The shared view opens on the selected product, readable, not on the whole 25,000-node tree.
  await expect(canvasNode(other, `p:${PRODUCT}`)).toBeInViewport();
  expect((await canvasNode(other, `p:${PRODUCT}`).boundingBox())!.height).toBeGreaterThan(20);
  await other.close();
});

test("filtering by compute counts its matches across every domain", async ({ page }) => {
  await page.goto("/tree");
  await page.getByRole("combobox", { name: "Filter by compute" }).selectOption("snowflake");
  await expect(page).toHaveURL(/compute=snowflake/);
  await expect(matches(page)).toHaveText(/^\d+ matches$/);
  const count = Number((await matches(page).textContent())!.split(" ")[0]);
  // Whole domains run on snowflake: hundreds of products, but not all 25,000.
  expect(count).toBeGreaterThan(100);
  expect(count).toBeLessThan(25_000);
  await expect(outline(page).getByRole("treeitem", { level: 3 }).first()).toBeVisible();
});

test("the products page lists all 25,000 products, mounting only the rows in view, and filters them as you type", async ({ page }) => {
  await page.goto("/products");
  const table = page.getByRole("table", { name: "Products" });
  // Rows show with the first page of 5,000; the count says "loading more" until the fifth page is in.
  // The wait is generous because on a loaded 2-core machine the five pages take seconds (bench:api times them).
  await expect(table.getByRole("link").first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /products$/ })).toHaveText("25000 products", { timeout: 60_000 });
  expect(await table.locator("tbody tr").count()).toBeLessThan(200);
  await page.getByRole("searchbox", { name: "Filter products by name or team" }).fill(PRODUCT);
  await expect(page.getByRole("status").filter({ hasText: /products$/ })).toHaveText("1 of 25000 products");
  await table.getByRole("link", { name: PRODUCT }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${PRODUCT}$`));
});

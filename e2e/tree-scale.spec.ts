// The organisation tree at 50 domains × 500 products (25,000), loaded by scripts/load-scale-org.ts
// into its own server (playwright.config.ts, project "scale"). Functional checks only: speed is
// measured by `npm run bench:tree`.
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/auth";
import { canvasNode, expectBesidePanel, labelPixels, outline, outlineCursor } from "./support/tree";
import { expectNoAxeViolations } from "./support/axe";
import { saveScreenshot } from "./screenshot";
const matches = (page: Page) => page.getByRole("status").filter({ hasText: /match/ });
// A product deep in a domain near the end: generated names are `${domain}-${word}-${n}`.
const DOMAIN = "finance-3";
const PRODUCT = "finance-3-stock-496";

// Generous per-test time: on a busy 2-core machine one navigation to 25,000 products can take 5–10 s.
test.describe.configure({ mode: "serial", timeout: 90_000 });

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
  // Each collapsed domain is one cluster node on the canvas (those in view are mounted).
  await expect(page.getByRole("button", { name: /^Show 500 products of / }).first()).toBeVisible();
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
  await expectBesidePanel(page, `p:${PRODUCT}`);
  await expect(page).toHaveURL(new RegExp(`sel=p%3A${PRODUCT}`));

  const other = await browser.newPage();
  await signInAs(other, "viewer@acme.example");
  await other.goto(page.url());
  // A fresh page decodes and lays out 25,000 products first: slow on a busy 2-core machine.
  await expect(other.getByRole("region", { name: `Details of ${PRODUCT}` })).toBeVisible({ timeout: 30_000 });
  await expect(other.getByRole("searchbox", { name: "Search the tree" })).toHaveValue(PRODUCT);
  // The shared view opens on the selected product, readable, not on the whole 25,000-node tree.
  await expectBesidePanel(other, `p:${PRODUCT}`);
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

test("the first view frames the enterprise and the domains with readable labels; so does Fit", async ({ page }) => {
  await page.goto("/tree");
  await expect(canvasNode(page, "e:acme-enterprise")).toBeInViewport();
  const domains = page.locator(".react-flow__node-domain");
  await expect.poll(() => domains.count()).toBeGreaterThanOrEqual(10);
  const readable = async () => Math.min(...(await labelPixels(page, ".react-flow__node [data-label]")));
  await expect.poll(readable).toBeGreaterThanOrEqual(11);
  // At this zoom domains are clusters: big names, product counts, the overlay as a heat strip.
  await expect(page.locator(".react-flow__node-domain [data-heat-strip]").first()).toBeVisible();
  // Zoomed all the way out and back with Fit: still readable, still the enterprise and domains.
  // Zoom Out until React Flow disables it at the minimum zoom.
  const zoomOut = page.getByRole("button", { name: "Zoom Out" });
  while (await zoomOut.isEnabled()) await zoomOut.click();
  await expect(zoomOut).toBeDisabled();
  await expect.poll(readable).toBeGreaterThanOrEqual(11);
  await page.getByRole("button", { name: "Fit the enterprise and domains" }).click();
  await expect(canvasNode(page, "e:acme-enterprise")).toBeInViewport();
  await expect.poll(readable).toBeGreaterThanOrEqual(11);
});

test("two 500-product domains open together: the newest product by product, the other as tiles, and the canvas says so", async ({ page }, testInfo) => {
  await page.goto("/tree");
  const expandButtons = outline(page).getByRole("button", { name: /^Expand / });
  const upper = (await expandButtons.nth(0).getAttribute("aria-label"))!.slice("Expand ".length);
  const lower = (await expandButtons.nth(1).getAttribute("aria-label"))!.slice("Expand ".length);
  // The lower one first: opening the upper one first would push the lower's row out of the (virtualised) outline.
  await outline(page).getByRole("button", { name: `Expand ${lower}`, exact: true }).click();
  await outline(page).getByRole("button", { name: `Expand ${upper}`, exact: true }).click();
  // Both stay open, oldest first in the URL.
  await expect(page).toHaveURL(new RegExp(`open=d%3A${lower}%2Cd%3A${upper}(&|$)`));
  await expect(outline(page).getByRole("button", { name: `Collapse ${upper}`, exact: true })).toBeVisible();
  const notice = page.getByRole("status", { name: "Aggregated products" });
  await expect(notice).toContainText(new RegExp(`${lower}: 500 products drawn as \\d+ tiles`));
  await expect(page.locator(`.react-flow__node-product[data-id^="p:${upper}-"]`).first()).toBeVisible();
  await saveScreenshot(page, "tree-scale-two-domains", testInfo);
  await expectNoAxeViolations(page);
  // A tile draws its domain product by product; the other domain becomes the tiles.
  await page.getByRole("button", { name: "Fit the enterprise and domains" }).click();
  await page.locator(`.react-flow__node-tile[data-id^="t:${lower}:"]`).first().click();
  await expect(notice).toContainText(new RegExp(`${upper}: 500 products drawn as \\d+ tiles`));
  await expect(page.locator(`.react-flow__node-product[data-id^="p:${lower}-"]`).first()).toBeVisible();
  await saveScreenshot(page, "tree-scale-two-domains-swapped", testInfo);
});

test("a link with only ?sel= shows the product on the canvas beside the panel and in the outline", async ({ page }) => {
  await page.goto(`/tree?sel=p%3A${PRODUCT}`);
  await expect(page.getByRole("region", { name: `Details of ${PRODUCT}` })).toBeVisible();
  await expectBesidePanel(page, `p:${PRODUCT}`);
  const row = outline(page).getByRole("treeitem", { name: new RegExp(`^${PRODUCT}\\b`) });
  await expect(row).toBeInViewport();
  await expect(row).toHaveAttribute("aria-selected", "true");
  await expect.poll(() => outlineCursor(page)).toBe(`p:${PRODUCT}`);
});

test("after a search is cleared, the outline's cursor and scroll stay on the selected product", async ({ page }) => {
  await page.goto("/tree");
  const search = page.getByRole("searchbox", { name: "Search the tree" });
  await search.fill(PRODUCT);
  await outline(page).getByRole("treeitem", { name: new RegExp(`^${PRODUCT}\\b`) }).click();
  await expectBesidePanel(page, `p:${PRODUCT}`);
  await search.fill("");
  await expect(page.getByRole("status", { name: "Search results" })).toHaveText("");
  await expect.poll(() => outlineCursor(page)).toBe(`p:${PRODUCT}`);
  await expect(outline(page).getByRole("treeitem", { name: new RegExp(`^${PRODUCT}\\b`) })).toBeInViewport();
  await expectBesidePanel(page, `p:${PRODUCT}`);
});

for (const persona of ["cto", "sales-owner", "viewer"]) {
  test(`screenshots at 25,000 products, 1440 and 768 px wide, as ${persona}`, async ({ page }, testInfo) => {
    await signInAs(page, `${persona}@acme.example`);
    for (const width of [1440, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/tree");
      await expect(canvasNode(page, "e:acme-enterprise")).toBeInViewport();
      await saveScreenshot(page, `tree-scale-${width}-${persona}-overview`, testInfo);
      await page.goto(`/tree?sel=p%3A${PRODUCT}&overlay=compute`);
      await expectBesidePanel(page, `p:${PRODUCT}`);
      await saveScreenshot(page, `tree-scale-${width}-${persona}-selected`, testInfo);
    }
  });
}

test("zooming in with the wheel on a collapsed domain's cluster draws its products in its place", async ({ page }) => {
  await page.goto("/tree");
  const cluster = page.getByRole("button", { name: /^Show 500 products of / }).nth(3);
  const name = (await cluster.getAttribute("aria-label"))!.replace(/^Show 500 products of /, "");
  const box = (await cluster.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const zoom = () => page.evaluate(() => new DOMMatrixReadOnly(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a);
  for (let i = 0; i < 40 && (await zoom()) < 0.9; i++) await page.mouse.wheel(0, -120);
  await expect(outline(page).getByRole("button", { name: `Collapse ${name}`, exact: true })).toBeVisible();
  await expect(page.locator(`.react-flow__node-product[data-id^="p:${name}-"]`).first()).toBeInViewport();
});

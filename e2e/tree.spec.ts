import { expect, test } from "@playwright/test";
import { parseDocument } from "yaml";
import { signInAs } from "./support/auth";
import { canvasNode, expectBesidePanel, labelPixels, outline, outlineCursor, sidePanel } from "./support/tree";
import { expectNoAxeViolations } from "./support/axe";
import { saveScreenshot } from "./screenshot";

test.beforeEach(async ({ page }) => {
  await signInAs(page, "viewer@acme.example");
});

test("selecting a product shows its resolved configuration with provenance, in both views", async ({ page }, testInfo) => {
  await page.goto("/tree");
  await outline(page).getByRole("treeitem", { name: /customer-360/ }).click();

  const panel = page.getByRole("region", { name: "Details of customer-360" });
  await expect(panel.getByRole("navigation", { name: "Provenance chain" })).toContainText("acme-enterprise");
  await expect(panel.getByRole("navigation", { name: "Provenance chain" })).toContainText("sales");
  const compute = panel.locator('[data-path="plugins.compute.type"]');
  await expect(compute).toContainText("snowflake");
  await expect(compute).toContainText("domain");
  await expect(panel.getByRole("link", { name: /Open product page/ })).toHaveAttribute("href", "/products/customer-360");
  await expect(canvasNode(page, "p:customer-360").locator(".ring-2")).toBeVisible();
  await expect(page).toHaveURL(/sel=p%3Acustomer-360/);

  // Selecting on the canvas selects in the outline.
  await canvasNode(page, "d:marketing").click();
  await expect(outline(page).getByRole("treeitem", { name: /marketing/ }).first()).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("region", { name: "Details of marketing" })).toBeVisible();
  await saveScreenshot(page, "tree", testInfo);
});

test("a link to a product the tree does not show says so, with a link to its page", async ({ page }) => {
  await page.goto("/tree?sel=p%3Ano-such-product");
  const note = page.getByRole("status").filter({ hasText: "is not in the tree" });
  await expect(note).toContainText("no-such-product");
  await expect(note.getByRole("link", { name: "Open its page" })).toHaveAttribute("href", "/products/no-such-product");
  await expect(page.getByTestId("tree-side-panel")).toHaveCount(0);
  await note.getByRole("button", { name: "Dismiss" }).click();
  await expect(note).toHaveCount(0);
  await expect(page).not.toHaveURL(/sel=/);
});

test("filtering by compute narrows the outline and dims the canvas", async ({ page }) => {
  await page.goto("/tree");
  await page.getByRole("combobox", { name: "Filter by compute" }).selectOption("duckdb");
  await expect(page).toHaveURL(/compute=duckdb/);
  await expect(outline(page).getByRole("treeitem", { name: /attribution/ })).toBeVisible();
  await expect(outline(page).getByRole("treeitem", { name: /customer-360/ })).toHaveCount(0);
  await expect(canvasNode(page, "p:customer-360").locator(".opacity-30")).toBeVisible();
});

test("domains expand and collapse in the outline and on the canvas", async ({ page }) => {
  await page.goto("/tree");
  await expect(canvasNode(page, "p:customer-360")).toBeVisible();
  await outline(page).getByRole("button", { name: "Collapse sales" }).click();
  await expect(outline(page).getByRole("treeitem", { name: /customer-360/ })).toHaveCount(0);
  await expect(canvasNode(page, "p:customer-360")).toHaveCount(0);
  // The collapsed domain is one cluster node on the canvas; clicking it opens the domain again.
  await page.getByRole("button", { name: /Show \d+ products of sales/ }).click();
  await expect(canvasNode(page, "p:customer-360")).toBeVisible();
  await expect(outline(page).getByRole("treeitem", { name: /customer-360/ })).toBeVisible();
});

test("the URL round-trips selection, open domains, filters and overlay", async ({ page, browser }) => {
  await page.goto("/tree");
  await outline(page).getByRole("button", { name: "Collapse finance" }).click();
  await outline(page).getByRole("treeitem", { name: /customer-360/ }).click();
  await page.getByRole("combobox", { name: "Filter by status" }).selectOption("valid");
  await page.getByRole("combobox", { name: "Colour by" }).selectOption("compute");
  await expect(page).toHaveURL(/overlay=compute/);
  const url = page.url();

  const other = await browser.newPage();
  await signInAs(other, "viewer@acme.example");
  await other.goto(url);
  await expect(other.getByRole("region", { name: "Details of customer-360" })).toBeVisible();
  await expect(other.getByRole("combobox", { name: "Filter by status" })).toHaveValue("valid");
  await expect(other.getByRole("combobox", { name: "Colour by" })).toHaveValue("compute");
  await expect(other.getByRole("list", { name: "Legend" })).toContainText("snowflake");
  await expect(canvasNode(other, "p:cash-forecast")).toHaveCount(0);
  await other.close();
});

test("keyboard: / focuses search, arrows move in the outline, Enter selects", async ({ page }) => {
  await page.goto("/tree");
  await expect(outline(page)).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox", { name: "Search the tree" })).toBeFocused();
  await page.keyboard.type("pipeline");
  await expect(outline(page).getByRole("treeitem", { name: /pipeline-health/ })).toBeVisible();
  await outline(page).focus();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Details of pipeline-health" })).toBeVisible();
});

test("the impact overlay colours what a domain draft would break, with a legend", async ({ page, browser, baseURL }, testInfo) => {
  // The sales owner saves a draft that picks a compute the enterprise does not approve…
  const owner = await browser.newPage();
  await signInAs(owner, "sales-owner@acme.example");
  const headers = { origin: new URL(baseURL!).origin };
  const before = (await (await owner.request.get("/api/manifests/sales")).json()).draft as { yaml: string; revision: number };
  const doc = parseDocument(before.yaml);
  doc.setIn(["plugins", "compute", "type"], "spark");
  const put = await owner.request.put("/api/manifests/sales/draft", { data: { yaml: doc.toString(), baseRevision: before.revision }, headers });
  expect(put.ok()).toBe(true);
  const saved = (await put.json()) as { revision: number };
  try {
    // …and previewing its impact (only the draft's editors may: it tells what the draft says) turns the domain and its products red.
    // A viewer is not offered the draft.
    await page.goto("/tree");
    await expect(page.getByRole("combobox", { name: "Impact of draft" }).locator("option", { hasText: "sales" })).toHaveCount(0);
    expect((await page.request.get("/api/manifests/sales/impact")).status()).toBe(403);
    await owner.goto("/tree");
    await owner.getByRole("combobox", { name: "Impact of draft" }).selectOption("sales");
    await expect(owner).toHaveURL(/impact=sales/);
    await expect(owner.getByRole("list", { name: "Legend" })).toContainText("broken by sales's draft");
    await expect(owner.getByRole("status", { name: "Impact summary" })).toContainText(/[1-9]\d* products broken/);
    await expect(canvasNode(owner, "d:sales").locator("[data-impact]")).toHaveAttribute("data-impact", "broken");
    await expect(canvasNode(owner, "p:customer-360").locator("[data-impact]")).toHaveAttribute("data-impact", "broken");
    await expect(canvasNode(owner, "d:marketing").locator("[data-impact]")).toHaveCount(0);
    await saveScreenshot(owner, "tree-impact", testInfo);
    await owner.getByRole("button", { name: "Close the impact preview" }).click();
    await expect(owner).not.toHaveURL(/impact=/);
  } finally {
    await owner.request.put("/api/manifests/sales/draft", { data: { yaml: before.yaml, baseRevision: saved.revision }, headers });
    await owner.close();
  }
});

test("the first view is readable: every label on the canvas at least 11 px", async ({ page }) => {
  await page.goto("/tree");
  await expect(canvasNode(page, "p:customer-360")).toBeVisible();
  const sizes = await labelPixels(page, ".react-flow__node [data-label]");
  expect(sizes.length).toBeGreaterThan(3);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
});

test("a product clicked on the canvas, or picked in the outline, stays visible beside the side panel", async ({ page }) => {
  await page.goto("/tree");
  await canvasNode(page, "p:cash-forecast").click();
  await expect(page.getByRole("region", { name: "Details of cash-forecast" })).toBeVisible();
  await expectBesidePanel(page, "p:cash-forecast");
  await outline(page).getByRole("treeitem", { name: /attribution/ }).click();
  await expectBesidePanel(page, "p:attribution");
  // Closing the panel gives the canvas its width back; the selection goes.
  await page.getByRole("button", { name: "Close the details" }).click();
  await expect(sidePanel(page)).toHaveCount(0);
  await expect(page).not.toHaveURL(/sel=/);
});

test("after a search is cleared, the outline's cursor and scroll are on the selection; results are announced", async ({ page }) => {
  await page.goto("/tree");
  await outline(page).getByRole("treeitem", { name: /revenue-recognition/ }).click();
  const search = page.getByRole("searchbox", { name: "Search the tree" });
  await search.fill("pipeline");
  const results = page.getByRole("status", { name: "Search results" });
  await expect(results).toHaveAttribute("aria-live", "polite");
  await expect(results).toHaveText("1 match");
  await search.fill("");
  await expect(results).toHaveText("");
  await expect.poll(() => outlineCursor(page)).toBe("p:revenue-recognition");
  await expect(outline(page).getByRole("treeitem", { name: /revenue-recognition/ })).toBeInViewport();
  await outline(page).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Details of revenue-recognition" })).toBeVisible();
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => outlineCursor(page)).not.toBe("p:revenue-recognition");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => outlineCursor(page)).toBe("p:revenue-recognition");
});

for (const persona of ["cto@acme.example", "sales-owner@acme.example", "viewer@acme.example"]) {
  test(`at 768 px wide the panel is a drawer beside the selection and the toolbar fits (${persona})`, async ({ page }, testInfo) => {
    await signInAs(page, persona);
    await page.setViewportSize({ width: 768, height: 900 });
    await page.goto("/tree");
    await outline(page).getByRole("treeitem", { name: /cash-forecast/ }).click();
    await expectBesidePanel(page, "p:cash-forecast");
    for (const control of [page.getByRole("combobox", { name: "Colour by" }), page.getByRole("searchbox", { name: "Search the tree" }), sidePanel(page)]) {
      const box = (await control.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(768);
    }
    await saveScreenshot(page, `tree-768-${persona.split("@")[0]}`, testInfo);
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await expectBesidePanel(page, "p:cash-forecast");
    await saveScreenshot(page, `tree-1440-${persona.split("@")[0]}`, testInfo);
  });
}

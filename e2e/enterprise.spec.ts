import { test } from "@playwright/test";
import { saveScreenshot } from "./screenshot";
import { expect } from "./support/expect";
import { editorText, originOf, signIn } from "./support/sign-in";

const EDITOR = "acme-enterprise draft YAML";

test("platform admin narrows the compute whitelist: the impact names the domains that break, and they show as invalid", async ({ page }, testInfo) => {
  await signIn(page, "cto", "/enterprise");
  await expect(page.getByRole("heading", { level: 1, name: "Enterprise policy" })).toBeVisible();
  const whitelist = page.getByRole("list", { name: "compute whitelist" });
  await expect(whitelist.getByRole("listitem")).toHaveText(["duckdb", "snowflake"]);
  await saveScreenshot(page, "enterprise", testInfo);

  await page.getByRole("button", { name: "Remove snowflake from compute whitelist" }).click();
  await expect(whitelist.getByRole("listitem")).toHaveText(["duckdb"]);
  // The form writes through the YAML Document API: comments and the other keys survive.
  const text = await editorText(page, EDITOR);
  expect(text).toContain("compute: [duckdb] # DuckDB for light workloads, Snowflake for the heavy ones");
  expect(text).toContain("# Acme enterprise manifest: the baseline every Acme domain inherits.");
  expect(text.indexOf("compute: [duckdb]")).toBeLessThan(text.indexOf("orchestrator: [dagster]"));

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();

  await page.getByRole("tab", { name: /Diff vs published/ }).click();
  await expect(page.getByRole("table", { name: /Diff of Published/ })).toContainText("compute: [duckdb] # DuckDB");
  await saveScreenshot(page, "enterprise-diff", testInfo);

  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish acme-enterprise" });
  const broken = dialog.getByRole("list", { name: "Would break" });
  await expect(broken).toContainText("sales");
  await expect(broken).toContainText("finance");
  await expect(broken).toContainText("PLUGIN_NOT_APPROVED");
  await expect(broken).not.toContainText("marketing");
  await dialog.getByLabel("Publish message").fill("Snowflake contract ends: DuckDB only");
  const publish = dialog.getByRole("button", { name: "Publish anyway" });
  await expect(publish).toBeDisabled();
  await saveScreenshot(page, "enterprise-impact", testInfo);
  await dialog.getByRole("checkbox").check();
  await publish.click();
  await expect(page.getByText("Published acme-enterprise 1.1.0")).toBeVisible();

  await page.goto("/domains");
  const domains = page.getByRole("table", { name: "Domains" });
  await expect(domains.getByRole("row", { name: /sales/ })).toContainText("invalid");
  await expect(domains.getByRole("row", { name: /finance/ })).toContainText("invalid");
  await expect(domains.getByRole("row", { name: /marketing/ })).toContainText("valid");
  await saveScreenshot(page, "domains-after-narrowing", testInfo);

  await page.goto("/domains/sales");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("invalid");
  await expect(page.getByRole("list", { name: "Published version problems" })).toContainText("PLUGIN_NOT_APPROVED");

  await page.goto("/");
  await expect(page.getByRole("list", { name: "Domain health" }).getByRole("listitem").filter({ hasText: "sales" })).toContainText("invalid");
  await saveScreenshot(page, "home-platform-admin", testInfo);
});

// Later specs start from the seeded policy: publish 1.0.0's content again (what the History page's rollback does).
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, "cto");
  const response = await page.request.post("/api/manifests/acme-enterprise/rollback", { data: { version: "1.0.0", message: "e2e: restore the seeded policy" }, headers: originOf(page) });
  expect(response.status()).toBe(201);
  await page.close();
});

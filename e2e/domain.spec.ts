import { test, type Page } from "@playwright/test";
import { saveScreenshot } from "./screenshot";
import { expect } from "./support/expect";
import { editorText, originOf, sessionAs, signIn } from "./support/sign-in";

const EDITOR = "sales draft YAML";

async function salesDraft(page: Page) {
  const response = await page.request.get("/api/manifests/sales");
  expect(response.ok()).toBe(true);
  return (await response.json()).draft as { yaml: string; revision: number };
}

test("sales owner: only whitelisted compute is offered, and the API refuses a forced one", async ({ page }, testInfo) => {
  await signIn(page, "sales", "/domains/sales");
  const compute = page.getByRole("combobox", { name: "Compute plugin" });
  await expect(compute.getByRole("option")).toHaveText(["inherit (duckdb)", "duckdb", "snowflake"]);
  await expect(page.getByText("from enterprise 1.0.0").first()).toBeVisible();
  await saveScreenshot(page, "domain", testInfo);

  // Forced through the API: the draft may hold it (drafts can be wrong), publishing cannot.
  const before = await salesDraft(page);
  const forced = before.yaml.replace("type: snowflake", "type: spark");
  const put = await page.request.put("/api/manifests/sales/draft", { data: { yaml: forced, baseRevision: before.revision }, headers: originOf(page) });
  if (put.ok()) {
    const saved = await put.json();
    expect(saved.violations.map((v: { code: string }) => v.code)).toContain("PLUGIN_NOT_APPROVED");
    const publish = await page.request.post("/api/manifests/sales/publish", { data: { baseRevision: saved.revision, message: "forced" }, headers: originOf(page) });
    expect(publish.status()).toBe(422);
    expect((await publish.json()).error.code).toBe("VALIDATION_FAILED");
    const restore = await page.request.put("/api/manifests/sales/draft", { data: { yaml: before.yaml, baseRevision: saved.revision }, headers: originOf(page) });
    expect(restore.ok()).toBe(true);
  } else {
    expect(put.status()).toBe(422);
  }
  const versions = (await (await page.request.get("/api/manifests/sales")).json()).versions as { version: string }[];
  expect(versions.map((v) => v.version)).toEqual(["1.0.0"]);
});

test("sales owner picks snowflake, raises retention within bounds and publishes", async ({ page }) => {
  await signIn(page, "sales", "/domains/sales");
  const compute = page.getByLabel("Compute plugin");
  await compute.selectOption("duckdb");
  expect(await editorText(page, EDITOR)).toContain("type: duckdb");
  // Snowflake's account, warehouse, role and secret reference do not follow compute to another type.
  for (const gone of ["account:", "warehouse:", "role:", "connection_secret_ref:"]) expect(await editorText(page, EDITOR)).not.toContain(gone);
  await compute.selectOption("snowflake");
  expect(await editorText(page, EDITOR)).toContain("type: snowflake");

  const retention = page.getByLabel("Data retention (days)");
  await expect(retention).toHaveAttribute("min", "30");
  await expect(retention).toHaveAttribute("max", "2555");
  await retention.fill("3000");
  await expect(page.getByText("Must be between 30 and 2555 days")).toBeVisible();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText("RETENTION_OUT_OF_BOUNDS");
  await retention.fill("120");
  await expect(page.getByText("Must be between 30 and 2555 days")).toBeHidden();
  expect(await editorText(page, EDITOR)).toContain("data_retention_days: 120");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish sales" });
  await expect(dialog.getByRole("region", { name: "Impact preview" })).not.toContainText("Computing impact");
  await expect(dialog.getByRole("button", { name: "Publish anyway" })).toHaveCount(0);
  await dialog.getByLabel("Publish message").fill("Keep opportunities for two quarters");
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published sales 1.1.0")).toBeVisible();
  await expect(page.getByText(/Latest version 1\.1\.0/)).toBeVisible();
});

test("sales owner approves one pending request and rejects another with a reason", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000); // two people's sessions
  // A second request, filed by the analytics team.
  const analyst = await sessionAs(browser, "analyst");
  // An approved product's floe.yaml as the template (a pending one of another team is not shown to the analyst).
  const churnText = ((await (await analyst.request.get("/api/products/customer-360")).json()).floeYaml as string).replaceAll("customer-360", "churn-signals");
  const created = await analyst.request.post("/api/requests", {
    data: { name: "deal-desk-metrics", team: "growth-analytics", description: "Discount approvals and deal cycle times", domain: "sales", floeYaml: churnText.replaceAll("churn-signals", "deal-desk-metrics") },
    headers: originOf(analyst),
  });
  expect(created.status()).toBe(201);
  await analyst.context().close();

  await signIn(page, "sales", "/domains/sales");
  await page.getByRole("tab", { name: /Approval queue/ }).click();
  const queue = page.getByRole("list", { name: "Pending requests" });
  await expect(queue.getByRole("listitem")).toHaveCount(2);
  await saveScreenshot(page, "domain-approvals", testInfo);

  await queue.getByRole("button", { name: "Approve churn-signals" }).click();
  await expect(page.getByText("Request approved")).toBeVisible();
  await expect(queue.getByRole("listitem")).toHaveCount(1);

  await queue.getByRole("button", { name: "Reject deal-desk-metrics" }).click();
  const dialog = page.getByRole("dialog", { name: "Reject deal-desk-metrics" });
  await expect(dialog.getByRole("button", { name: "Reject request" })).toBeDisabled();
  await dialog.getByLabel("Reason").fill("Deal desk data belongs to finance");
  await dialog.getByRole("button", { name: "Reject request" }).click();
  await expect(page.getByText("Request rejected")).toBeVisible();
  await expect(page.getByText("No pending requests")).toBeVisible();

  await page.getByRole("tab", { name: /Products/ }).click();
  await expect(page.getByRole("table", { name: "sales products" }).getByRole("row", { name: /churn-signals/ })).toContainText("approved");

  await page.goto("/products/deal-desk-metrics");
  await page.getByRole("tab", { name: /Registration/ }).click();
  await expect(page.getByRole("list", { name: "Registration requests" })).toContainText("Reason: Deal desk data belongs to finance");
});

test("sales owner reads marketing but cannot edit it or decide its requests", async ({ page }, testInfo) => {
  await signIn(page, "sales", "/domains/marketing");
  await expect(page.getByText("Read only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish…" })).toHaveCount(0);
  await expect(page.getByLabel("Compute plugin")).toBeDisabled();
  await page.getByRole("tab", { name: /Approval queue/ }).click();
  await expect(page.getByRole("list", { name: "Pending requests" })).toContainText("web-sessions");
  await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await saveScreenshot(page, "domain-read-only", testInfo);

  // Another domain's draft is not shown at all; saving over it is refused.
  const marketing = await (await page.request.get("/api/manifests/marketing")).json();
  expect(marketing.draft).toBeNull();
  const put = await page.request.put("/api/manifests/marketing/draft", { data: { yaml: "scope: domain\n", baseRevision: 0 }, headers: originOf(page) });
  expect(put.status()).toBe(403);
});

test("marketing owner removes an approved product with a reason: a new domain version, recorded in the audit log", async ({ page }) => {
  await signIn(page, "marketing", "/domains/marketing");
  const versionsBefore = ((await (await page.request.get("/api/manifests/marketing")).json()).versions as unknown[]).length;
  await page.getByRole("tab", { name: /Products/ }).click();
  const table = page.getByRole("table", { name: "marketing products" });
  await table.getByRole("button", { name: "Remove campaign-analytics" }).click();

  const dialog = page.getByRole("dialog", { name: "Remove campaign-analytics from marketing" });
  await expect(dialog.getByRole("button", { name: "Remove product" })).toBeDisabled();
  await dialog.getByLabel("Reason").fill("Superseded by funnel metrics");
  await dialog.getByRole("button", { name: "Remove product" }).click();
  await expect(page.getByText(/campaign-analytics removed: domain version \S+ published/)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole("row", { name: /campaign-analytics/ })).toContainText("removed");
  await expect(table.getByRole("button", { name: "Remove campaign-analytics" })).toHaveCount(0);

  const after = await (await page.request.get("/api/manifests/marketing")).json();
  expect(after.versions).toHaveLength(versionsBefore + 1);
  expect(after.draft.yaml).not.toContain("campaign-analytics");
  await page.goto("/audit");
  await expect(page.getByRole("table").getByRole("row", { name: /product\.remove/ }).first()).toContainText("Superseded by funnel metrics");
});

test("a viewer is offered no removal", async ({ page }) => {
  await signIn(page, "viewer", "/domains/marketing");
  await page.getByRole("tab", { name: /Products/ }).click();
  await expect(page.getByRole("table", { name: "marketing products" }).getByRole("row", { name: /audience-segments/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
});

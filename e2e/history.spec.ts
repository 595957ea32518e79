import { test } from "@playwright/test";
import { saveScreenshot } from "./screenshot";
import { expect } from "./support/expect";
import { originOf, signIn } from "./support/sign-in";

test("history shows every version, diffs any two and rolls back by publishing the old content", async ({ page }, testInfo) => {
  await signIn(page, "finance");
  // A second version to compare with: finance shortens retention.
  const detail = await (await page.request.get("/api/manifests/finance")).json();
  const original = (await (await page.request.get("/api/manifests/finance/versions/1.0.0")).json()).yaml as string;
  const changed = original.replace(/data_retention_days: \d+/, "data_retention_days: 400");
  const put = await page.request.put("/api/manifests/finance/draft", { data: { yaml: changed, baseRevision: detail.draft.revision }, headers: originOf(page) });
  expect(put.ok()).toBe(true);
  const publish = await page.request.post("/api/manifests/finance/publish", { data: { baseRevision: (await put.json()).revision, message: "Shorter retention" }, headers: originOf(page) });
  expect(publish.status()).toBe(201);
  const published = (await publish.json()).version as string;

  await page.goto("/history/finance");
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.getByRole("row")).toHaveCount(3);
  await expect(versions).toContainText("Shorter retention");
  const diff = page.getByRole("table", { name: `Diff of 1.0.0 and ${published}` });
  await expect(diff.locator('tr[data-kind="changed"]').filter({ hasText: "data_retention_days: 400" })).toHaveCount(1);
  await saveScreenshot(page, "history", testInfo);

  await versions.getByRole("button", { name: "Roll back to 1.0.0" }).click();
  const dialog = page.getByRole("dialog", { name: "Roll back finance to 1.0.0?" });
  await dialog.getByRole("button", { name: "Publish rollback" }).click();
  await expect(page.getByText(/Rolled back: published finance/)).toBeVisible();
  await expect(versions.getByRole("row")).toHaveCount(4);

  const latest = (await (await page.request.get("/api/manifests/finance")).json()).versions as { version: string; yaml?: string }[];
  const newest = latest.map((v) => v.version).sort().at(-1)!;
  const rolled = (await (await page.request.get(`/api/manifests/finance/versions/${newest}`)).json()).yaml as string;
  expect(rolled).toContain(original.match(/data_retention_days: \d+/)![0]);

  await page.goto("/audit");
  await expect(page.getByRole("table", { name: "Audit entries" })).toBeVisible();
  await page.getByLabel("Actor (email)").fill("finance-owner@acme.example");
  await expect(page.getByRole("table", { name: "Audit entries" })).toContainText("finance");
  await saveScreenshot(page, "audit", testInfo);
});

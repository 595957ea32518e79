import { test } from "@playwright/test";
import { saveScreenshot } from "./screenshot";
import { expect } from "./support/expect";
import { editorText, sessionAs } from "./support/sign-in";

const EDITOR = "finance draft YAML";

test("two sessions edit the same domain: the second save gets a conflict and keeps what was typed", async ({ browser }, testInfo) => {
  test.setTimeout(90_000); // two people's sessions
  const first = await sessionAs(browser, "finance", "/domains/finance");
  const second = await sessionAs(browser, "finance", "/domains/finance");

  await first.getByLabel("Data retention (days)").fill("2000");
  await second.getByLabel("Data retention (days)").fill("1500");

  await first.getByRole("button", { name: "Save draft" }).click();
  await expect(first.getByText("Draft saved")).toBeVisible();

  await second.keyboard.press("ControlOrMeta+s");
  const conflict = second.getByRole("alert").filter({ hasText: "Conflict: someone else saved this draft" });
  await expect(conflict).toBeVisible();
  await expect(second.getByLabel("Data retention (days)")).toHaveValue("1500");
  expect(await editorText(second, EDITOR)).toContain("data_retention_days: 1500");
  await expect(conflict.getByRole("table", { name: /Diff of Theirs/ })).toContainText("data_retention_days: 2000");
  await saveScreenshot(second, "conflict", testInfo);

  // Keep mine: the next save goes on top of theirs, deliberately.
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(conflict).toBeHidden();
  await second.getByRole("button", { name: "Save draft" }).click();
  await expect(second.getByText("Draft saved")).toBeVisible();
  const stored = (await (await second.request.get("/api/manifests/finance")).json()).draft.yaml as string;
  expect(stored).toContain("data_retention_days: 1500");

  // The first session is now behind: "Reload theirs" brings the stored text back.
  await first.getByLabel("Data retention (days)").fill("1800");
  await first.getByRole("button", { name: "Save draft" }).click();
  const firstConflict = first.getByRole("alert").filter({ hasText: "Conflict" });
  await firstConflict.getByRole("button", { name: "Reload theirs" }).click();
  await expect(first.getByLabel("Data retention (days)")).toHaveValue("1500");

  await first.context().close();
  await second.context().close();
});

import { test } from "@playwright/test";
import { saveScreenshot } from "./screenshot";
import { expect } from "./support/expect";
import { editorText, replaceEditorText, signIn } from "./support/sign-in";

const EDITOR = "acme-enterprise draft YAML";

const withTypo = `apiVersion: floe.dev/v1
kind: Manifest
metadata:
  name: acme-enterprise
  version: 1.0.0
  owner: platform-team@acme.example
scope: enterprise
plugins: {}
governance:
  policy_enforcment_level: strict
`;
// The flow list on line 10 never closes; the parser notices on line 11.
const broken = withTypo.replace("plugins: {}\n", "plugins: {}\napproved_plugins:\n  compute: [duckdb, snowflake\n  storage: [s3]\n");

test("bad YAML shows its error at its line, cannot be published, and nothing stored changes", async ({ page }, testInfo) => {
  await signIn(page, "cto", "/enterprise");
  const before = await (await page.request.get("/api/manifests/acme-enterprise")).json();

  await replaceEditorText(page, EDITOR, withTypo);
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("line 10:3SCHEMAgovernance: unknown key 'policy_enforcment_level'; did you mean 'policy_enforcement_level'?");
  await expect(page.locator(".cm-line").nth(9).locator(".cm-lintRange-error")).toHaveText("policy_enforcment_level: strict");

  await replaceEditorText(page, EDITOR, broken);
  await expect(problems).toContainText("line 11:3YAML_SYNTAX");
  await expect(page.locator(".cm-gutter-lint .cm-gutterElement").filter({ has: page.locator(".cm-lint-marker-error") })).toHaveCount(1);
  await expect(page.getByText("The YAML does not parse, so the form is paused.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish…" })).toBeDisabled();
  await saveScreenshot(page, "yaml-editor-error", testInfo);

  // Clicking a problem moves the cursor to its line.
  await problems.getByRole("button").first().click();
  await expect(page.locator(".cm-activeLine")).toHaveText("  storage: [s3]");

  await page.reload();
  expect(await editorText(page, EDITOR)).toBe(before.draft.yaml);
  const after = await (await page.request.get("/api/manifests/acme-enterprise")).json();
  expect(after.draft.revision).toBe(before.draft.revision);
  expect(after.versions).toEqual(before.versions);
});

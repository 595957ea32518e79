// Reviewed changes and whitelist requests, two people at two desks (two browser contexts):
// an enterprise change submitted, commented, refused for self-approval, approved by a second
// platform admin and published; a domain's whitelist request accepted through to the domain using the plugin.
import { test, type Browser, type Page } from "@playwright/test";
import { parseDocument } from "yaml";
import { DEMO_PASSWORD } from "../server/seed/seed-users";
import { saveScreenshot } from "./screenshot";
import { expectNoAxeViolations } from "./support/axe";
import { expect } from "./support/expect";
import { originOf, sessionAs } from "./support/sign-in";

const ADMIN2 = "platform@acme.example";

/** A second platform admin at another desk (not in the shared USERS table: only this spec needs them). */
async function secondAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByRole("textbox", { name: "Email" }).fill(ADMIN2);
  await page.getByRole("textbox", { name: "Password" }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 15_000 });
  return page;
}

// Two people, many steps, on a 2-core machine that also serves the scale organisation: more than the default 30 s.
test.describe.configure({ mode: "serial", timeout: 120_000 });

let cto: Page;
let admin2: Page;
test.beforeAll(async ({ browser }) => {
  cto = await sessionAs(browser, "cto");
  admin2 = await secondAdmin(browser);
});
// Later specs publish the enterprise directly: the rule goes back to "none".
test.afterAll(async () => {
  await cto.request.put("/api/review-rules", { data: { tier: "enterprise", rule: "none" }, headers: originOf(cto) });
  await cto.context().close();
  await admin2.context().close();
});

test("an enterprise change is submitted, discussed, refused to its author, approved by another admin and published", async () => {
  await cto.goto("/changes");
  await cto.getByLabel("Enterprise changes").selectOption("platform_admin");
  await expect(cto.getByLabel("Enterprise changes")).toHaveValue("platform_admin");

  // The CTO edits the draft (the editor itself is covered by enterprise.spec) and submits it from the editor.
  const detail = await (await cto.request.get("/api/manifests/acme-enterprise")).json();
  const yaml = (detail.draft.yaml as string).replace(/storage: \[ ?s3, minio ?\]/, "storage: [s3, minio, gcs]");
  expect(yaml).toContain("gcs");
  expect((await cto.request.put("/api/manifests/acme-enterprise/draft", { data: { yaml, baseRevision: detail.draft.revision }, headers: originOf(cto) })).ok()).toBe(true);
  await cto.goto("/enterprise");
  await expect(cto.getByRole("button", { name: "Publish…" })).toBeDisabled();
  await cto.getByRole("button", { name: "Submit for review…" }).click();
  const submit = cto.getByRole("dialog", { name: "Submit acme-enterprise for review" });
  await submit.getByLabel("Title").fill("Allow GCS storage");
  await submit.getByLabel("Description").fill("Multi-cloud pilot for finance.");
  await submit.getByRole("button", { name: "Submit for review" }).click();
  await expect(cto).toHaveURL(/\/changes\/[0-9a-f-]+$/);
  const changeUrl = new URL(cto.url()).pathname;
  const id = changeUrl.split("/").at(-1)!;

  // The author cannot approve: the control says why, and the server refuses (403 SELF_APPROVAL).
  await expect(cto.getByRole("button", { name: "Approve and publish…" })).toBeDisabled();
  await expect(cto.getByText("You wrote this change: nobody approves their own change.")).toBeVisible();
  const change = await (await cto.request.get(`/api/changes/${id}`)).json();
  const self = await cto.request.post(`/api/changes/${id}/approve`, { data: { revision: change.revision }, headers: originOf(cto) });
  expect([self.status(), (await self.json()).error.code]).toEqual([403, "SELF_APPROVAL"]);
  await expect(cto.getByRole("table", { name: "Value changes" })).toContainText("approved_plugins.storage");
  await saveScreenshot(cto, "review-change-author");
  await expectNoAxeViolations(cto);

  // The second admin finds it in the queue, comments on a line, approves.
  await admin2.goto("/changes");
  await admin2.getByRole("link", { name: "Allow GCS storage" }).click();
  await expect(admin2).toHaveURL(changeUrl);
  const storageLine = (change.yaml as string).split("\n").findIndex((l: string) => l.includes("gcs")) + 1;
  await admin2.getByRole("button", { name: `Comment on line ${storageLine}` }).click();
  await expect(admin2.getByLabel("Line (optional)")).toHaveValue(String(storageLine));
  await admin2.getByLabel("Comment", { exact: true }).fill("Which region for the GCS buckets?");
  await admin2.getByRole("button", { name: "Add comment" }).click();
  await expect(admin2.getByRole("list", { name: "Comments" })).toContainText("Which region for the GCS buckets?");
  await expect(admin2.getByRole("list", { name: "Comments" })).toContainText(`line ${storageLine}`);
  await saveScreenshot(admin2, "review-change-reviewer");
  await admin2.getByRole("button", { name: "Approve and publish…" }).click();
  await admin2.getByRole("dialog").getByRole("button", { name: "Approve and publish" }).click();
  await expect(admin2.getByText(/Approved: published acme-enterprise/)).toBeVisible();

  await cto.reload();
  await expect(cto.getByText(/Approved and published by Priya Raman/)).toBeVisible();
  const published = await (await cto.request.get("/api/manifests/acme-enterprise")).json();
  const latest = published.versions.map((v: { version: string }) => v.version).sort().at(-1);
  const stored = await (await cto.request.get(`/api/manifests/acme-enterprise/versions/${latest}`)).json();
  expect(stored.yaml).toMatch(/storage: \[ ?s3, minio, gcs ?\]/);
  expect(published.draft.yaml).toBe(stored.yaml); // nothing left "unpublished"
});

test("a domain owner's whitelist request is accepted through review, and the domain then uses the plugin", async ({ browser }) => {
  const finance = await sessionAs(browser, "finance", "/whitelist");
  await finance.getByLabel("Domain", { exact: true }).selectOption("finance");
  await finance.getByLabel("Category", { exact: true }).selectOption("orchestrator");
  await finance.getByLabel("Plugin", { exact: true }).fill("airflow");
  await finance.getByLabel("Reason", { exact: true }).fill("Our treasury DAGs already run on Airflow.");
  await finance.getByRole("button", { name: "Send request" }).click();
  const row = finance.getByRole("table", { name: "Whitelist requests" }).getByRole("row").filter({ hasText: "airflow" });
  await expect(row).toContainText("pending");

  await cto.goto("/whitelist");
  await cto.getByRole("button", { name: "Accept airflow for finance" }).click();
  await expect(cto).toHaveURL(/\/changes\/[0-9a-f-]+$/);
  await expect(cto.getByRole("heading", { name: "Whitelist airflow (orchestrator) for finance" })).toBeVisible();
  const changeUrl = new URL(cto.url()).pathname;

  await admin2.goto(changeUrl);
  await admin2.getByRole("button", { name: "Approve and publish…" }).click();
  await admin2.getByRole("dialog").getByRole("button", { name: "Approve and publish" }).click();
  await expect(admin2.getByText(/Approved: published acme-enterprise/)).toBeVisible();

  await finance.reload();
  await expect(row).toContainText("accepted");
  await expect(row).toContainText("Enterprise change: Approved and published");
  await saveScreenshot(finance, "whitelist-requests");
  await expectNoAxeViolations(finance);

  // The domain now selects the plugin and publishes without a violation.
  const domain = await (await finance.request.get("/api/manifests/finance")).json();
  const latest = domain.versions.map((v: { version: string }) => v.version).sort().at(-1);
  // From the latest published text: other specs may have left draft edits.
  const doc = parseDocument((await (await finance.request.get(`/api/manifests/finance/versions/${latest}`)).json()).yaml as string);
  doc.setIn(["plugins", "orchestrator"], doc.createNode({ type: "airflow" }));
  const saved = await finance.request.put("/api/manifests/finance/draft", { data: { yaml: doc.toString(), baseRevision: domain.draft.revision }, headers: originOf(finance) });
  expect(saved.ok()).toBe(true);
  const publish = await finance.request.post("/api/manifests/finance/publish", { data: { baseRevision: (await saved.json()).revision, message: "Orchestrate with Airflow" }, headers: originOf(finance) });
  expect(publish.status(), await publish.text()).toBe(201);
  const after = await (await finance.request.get("/api/manifests/finance")).json();
  expect(after.resolution.violations.filter((v: { severity: string }) => v.severity === "error")).toEqual([]);
  expect(after.resolution.resolved.plugins.orchestrator.type).toBe("airflow");
  await finance.context().close();
});

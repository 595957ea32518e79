// Issue 13, across two browser sessions: a time-boxed exception requested by the marketing owner and
// granted by the CTO, visible in provenance and the tree, then ended (expired); the inbox and its
// badge; the email the console sends (received by an SMTP server this spec runs on the port the
// demo server is configured with) and the signed webhook (received by an HTTP endpoint started here)
// for the publish that breaks marketing. Runs last ("z-"): it leaves marketing broken.
import { test, type Page } from "@playwright/test";
import { verifySignature } from "../server/notify/webhook-signature";
import { startSmtpServer, startWebhookReceiver } from "../test/support/notification-receivers";
import { saveScreenshot } from "./screenshot";
import { expect } from "./support/expect";
import { originOf, sessionAs } from "./support/sign-in";

const SMTP_PORT = 3217; // playwright.config.ts gives the demo server MESH_SMTP_URL=smtp://127.0.0.1:3217
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

test.beforeAll(async () => {
  smtp = await startSmtpServer(SMTP_PORT);
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await smtp?.close();
  await receiver?.close();
});

/** Marketing lowers its minimum test coverage to 50 (the enterprise says 70), through the API as its editor would. */
async function publishWeakerCoverage(page: Page) {
  const detail = await (await page.request.get("/api/manifests/marketing")).json();
  const yaml = (detail.draft.yaml as string).replace(/^approved_products:/m, "governance:\n  quality_gates:\n    minimum_test_coverage: 50\n    require_descriptions: true\n\napproved_products:");
  const saved = await page.request.put("/api/manifests/marketing/draft", { data: { yaml, baseRevision: detail.draft.revision }, headers: originOf(page) });
  expect(saved.ok()).toBe(true);
  const published = await page.request.post("/api/manifests/marketing/publish", { data: { baseRevision: (await saved.json()).revision, message: "coverage 50 under the exception" }, headers: originOf(page) });
  expect(published.ok(), await published.text()).toBe(true); // 201 Created since the contract landed
}

test("an exception granted, visible, then expired; the inbox, an email and a signed webhook for the breaking publish", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const owner = await sessionAs(browser, "marketing", "/exceptions");
  const cto = await sessionAs(browser, "cto", "/inbox");

  // The CTO registers the webhook endpoint and keeps its signing secret.
  await cto.getByLabel("Endpoint URL").fill(`http://127.0.0.1:${receiver.port}/mesh`);
  await cto.getByRole("button", { name: "Add webhook" }).click();
  const secret = (await cto.getByText(/^Signing secret:/).locator("code").textContent())!;
  expect(secret).toMatch(/^[0-9a-f]{64}$/);

  // The marketing owner asks for a coverage exception.
  await owner.getByLabel("Domain").selectOption("marketing");
  await owner.getByLabel("Policy").selectOption("coverage");
  await owner.getByLabel("Reason").fill("Legacy campaign models get their tests this quarter");
  await owner.getByRole("button", { name: "Request exception" }).click();
  const row = owner.getByTestId("exception-marketing-coverage").first();
  await expect(row).toContainText("requested");
  await saveScreenshot(owner, "exceptions-requested", testInfo);

  // The CTO's badge counts it; the inbox says who asks for what.
  await cto.reload();
  await expect(cto.getByTestId("inbox-badge")).toBeVisible();
  await expect(cto.getByRole("list", { name: "Notifications" })).toContainText("Exception requested: coverage for marketing");
  await saveScreenshot(cto, "inbox-cto", testInfo);
  await cto.goto("/exceptions");
  await cto.getByTestId("exception-marketing-coverage").first().getByRole("button", { name: "Grant" }).click();
  await expect(cto.getByText(/Exception granted: enterprise version/)).toBeVisible();
  await expect(cto.getByTestId("exception-marketing-coverage").first()).toContainText("granted");

  // Under the exception marketing may publish the weaker value; provenance and the tree say why it stands.
  await publishWeakerCoverage(owner);
  // A product no other spec changes (domain.spec.ts removes campaign-analytics, which then leaves the tree).
  await owner.goto("/products/audience-segments");
  const coverage = owner.getByRole("table", { name: "Resolved configuration" }).getByRole("row", { name: /governance\.quality_gates\.minimum_test_coverage/ });
  await expect(coverage).toContainText("50");
  await expect(coverage.getByTestId("exception-note")).toContainText(/excepted until \d{4}-\d{2}-\d{2} \(granted by cto@acme\.example\)/);
  await saveScreenshot(owner, "exception-provenance", testInfo);
  // A link to the product opens its domain in the tree and selects it (the outline starts collapsed).
  await owner.goto("/tree?sel=p%3Aaudience-segments");
  const panel = owner.getByRole("region", { name: "Details of audience-segments" });
  await expect(panel.getByTestId("exception-note")).toContainText("excepted until");
  await saveScreenshot(owner, "exception-tree", testInfo);

  // The CTO ends it early: it expires, marketing's value is refused again, and marketing is told.
  await cto.getByTestId("exception-marketing-coverage").first().getByRole("button", { name: "End now" }).click();
  await expect(cto.getByTestId("exception-marketing-coverage").first()).toContainText("expired");
  await saveScreenshot(cto, "exceptions-expired", testInfo);
  await owner.goto("/products/audience-segments");
  await expect(owner.getByRole("table", { name: "Resolved configuration" }).getByRole("row", { name: /governance\.quality_gates\.minimum_test_coverage/ }).getByTestId("exception-note")).toContainText("expired on");

  await owner.goto("/inbox");
  const inbox = owner.getByRole("list", { name: "Notifications" });
  await expect(inbox).toContainText("Exception granted: coverage for marketing");
  await expect(inbox).toContainText(/Domain marketing and \d+ more of yours broken by acme-enterprise \d+\.\d+\.\d+/);
  await expect(inbox).toContainText(/cto@acme\.example published acme-enterprise .* UTC\. POLICY_WEAKENED/);
  await saveScreenshot(owner, "inbox-domain-owner", testInfo);

  // The email reached the SMTP server; the webhook arrived signed, in Slack's shape.
  await expect.poll(() => smtp.mails.find((m) => m.to.includes("marketing-owner@acme.example") && m.raw.includes("Subject: [Mesh Console] Domain marketing and")), { timeout: 20_000 }).toBeTruthy();
  await expect.poll(() => receiver.hits.find((h) => h.body.includes("broke")), { timeout: 20_000 }).toBeTruthy();
  const hook = receiver.hits.find((h) => h.body.includes("broke"))!;
  expect(verifySignature(secret, hook.timestamp, hook.body, hook.signature, Math.floor(Date.now() / 1000))).toBe(true);
  expect(JSON.parse(hook.body)).toMatchObject({ text: expect.stringContaining("acme-enterprise"), mesh: { kind: "breakage" } });
  await cto.goto("/inbox");
  await expect(cto.getByRole("table", { name: "Webhook deliveries" })).toContainText("200");
  await saveScreenshot(cto, "webhook-deliveries", testInfo);
  await owner.context().close();
  await cto.context().close();
});

// The notification outbox against real servers on localhost: an SMTP server (smtp-server) receives
// the email, an HTTP receiver checks each webhook's HMAC signature; failures retry with backoff and
// are logged; two senders on one database never send a row twice; a dead mail server never fails
// the change that caused the notification.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { createDb, type Db } from "../../server/db/client";
import { addWebhook, listWebhooks } from "../../server/notify/inbox";
import { backoffMs, drainOutbox } from "../../server/notify/outbox";
import { verifySignature } from "../../server/notify/webhook-signature";
import { requestException } from "../../server/services/exceptions";
import { serverToday } from "../../server/services/org-evaluation";
import { startSmtpServer, startWebhookReceiver } from "../support/notification-receivers";
import { CTO, MARKETING_OWNER, seededOrg, type SeededOrg } from "./services-setup";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let http: Awaited<ReturnType<typeof startWebhookReceiver>>;
let failNext = 0;
const mails = () => smtp.mails;
const hooks = () => http.hits;

beforeAll(async () => {
  smtp = await startSmtpServer();
  http = await startWebhookReceiver((req) => (req.url === "/flaky" && failNext > 0 ? (failNext--, 500) : 200));
});
afterAll(async () => {
  await smtp.close();
  await http.close();
});

let org: SeededOrg;
beforeEach(async () => {
  org = await seededOrg();
  smtp.mails.length = 0;
  http.hits.length = 0;
  failNext = 0;
  process.env.MESH_SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
});
afterEach(async () => {
  delete process.env.MESH_SMTP_URL;
  await org.close();
});

const inDays = (n: number) => new Date(Date.parse(`${serverToday()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const askForException = async () =>
  requestException({ db: org.db, actor: await org.actor(MARKETING_OWNER), input: { domain: "marketing", policyType: "naming", reason: "Renaming legacy models", expires: inDays(20) } });

it("emails the recipients and posts signed, Slack-compatible webhooks after commit", async () => {
  const cto = await org.actor(CTO);
  const hook = await addWebhook(org.db, cto, { url: `http://127.0.0.1:${http.port}/hook` });
  await askForException();
  const admins = await org.db.roleMembership.count({ where: { role: "platform_admin" } });
  // Written in the request's transaction, nothing sent yet: an email per platform admin, one webhook.
  expect(await org.db.notificationOutbox.count({ where: { status: "pending" } })).toBe(admins + 1);
  expect(mails()).toEqual([]);

  const now = new Date();
  expect(await drainOutbox(org.db, now, "http://console.example")).toBe(admins + 1);
  expect(mails()).toHaveLength(admins);
  const toCto = mails().find((m) => m.to.includes(CTO))!;
  expect(toCto.raw).toContain("Subject: [Mesh Console] Exception requested: naming for marketing until");
  expect(toCto.raw).toContain("http://console.example/exceptions");

  expect(hooks()).toHaveLength(1);
  const h = hooks()[0];
  expect(verifySignature(hook.secret, h.timestamp, h.body, h.signature, Math.floor(now.getTime() / 1000))).toBe(true);
  expect(verifySignature(hook.secret, h.timestamp, h.body.replace("naming", "nomina"), h.signature, Math.floor(now.getTime() / 1000))).toBe(false);
  expect(verifySignature("another-secret", h.timestamp, h.body, h.signature, Math.floor(now.getTime() / 1000))).toBe(false);
  expect(verifySignature(hook.secret, h.timestamp, h.body, h.signature, Math.floor(now.getTime() / 1000) + 3600)).toBe(false); // a replay an hour later
  const body = JSON.parse(h.body);
  expect(body.text).toMatch(/^\*Exception requested: naming for marketing until .*\*\n.*\n<http:\/\/console\.example\/exceptions\|Open in Mesh Console>$/s);
  expect(body.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
  expect(body.mesh).toMatchObject({ kind: "requests", link: "http://console.example/exceptions" });
  expect(await org.db.notificationOutbox.count({ where: { status: "sent" } })).toBe(admins + 1);
  // Sent rows are not sent again.
  expect(await drainOutbox(org.db, new Date(now.getTime() + 60_000))).toBe(0);
});

it("retries a failing webhook with backoff and logs every attempt", async () => {
  const cto = await org.actor(CTO);
  const hook = await addWebhook(org.db, cto, { url: `http://127.0.0.1:${http.port}/flaky` });
  delete process.env.MESH_SMTP_URL; // webhooks only
  failNext = 1;
  await askForException();
  const t0 = new Date();
  expect(await drainOutbox(org.db, t0)).toBe(0);
  const row = await org.db.notificationOutbox.findFirstOrThrow({ where: { target: hook.id } });
  expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
  expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));
  // Not due yet: nothing is sent before the backoff has passed.
  expect(await drainOutbox(org.db, new Date(t0.getTime() + backoffMs(1) - 1))).toBe(0);
  expect(await drainOutbox(org.db, new Date(t0.getTime() + backoffMs(1)))).toBe(1);
  expect(hooks().map((h) => h.path)).toEqual(["/flaky", "/flaky"]);
  const log = await listWebhooks(org.db, cto);
  expect(log.deliveries.map((d) => [d.attempt, d.status, d.error, d.outcome])).toEqual([
    [2, 200, null, "sent"],
    [1, 500, "HTTP 500", "sent"],
  ]);
  expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
});

it("two senders on one database send each row once", async () => {
  const cto = await org.actor(CTO);
  await addWebhook(org.db, cto, { url: `http://127.0.0.1:${http.port}/a` });
  await addWebhook(org.db, cto, { url: `http://127.0.0.1:${http.port}/b` });
  for (let i = 0; i < 3; i++) {
    const id = (await askForException()).id;
    await org.db.policyException.update({ where: { id }, data: { status: "withdrawn" } });
  }
  const second: Db = createDb(org.fresh.url);
  try {
    const now = new Date();
    const [a, b] = await Promise.all([drainOutbox(org.db, now), drainOutbox(second, now)]);
    const admins = await org.db.roleMembership.count({ where: { role: "platform_admin" } });
    expect(a + b).toBe(3 * (admins + 2)); // per request: an email per admin and two webhooks
    expect(mails()).toHaveLength(3 * admins);
    expect(hooks()).toHaveLength(6);
    expect(new Set(hooks().map((h) => JSON.parse(h.body).mesh.id + h.path)).size).toBe(6);
  } finally {
    await second.$disconnect();
  }
});

it("a dead mail server never fails the change: the row waits with its error", async () => {
  process.env.MESH_SMTP_URL = "smtp://127.0.0.1:1";
  const asked = await askForException();
  expect(asked.status).toBe("requested");
  expect(await drainOutbox(org.db)).toBe(0);
  const row = await org.db.notificationOutbox.findFirstOrThrow({ where: { channel: "email" } });
  expect(row.status).toBe("pending");
  expect(row.attempts).toBe(1);
  expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
});

import { describe, expect, it } from "vitest";
import { outboxPollMs, readSmtpSettings } from "../../server/notify/config";
import { startupProblem } from "../../server/startup";
import { webhookBody, signatureOf, verifySignature } from "../../server/notify/webhook-signature";

describe("notification settings", () => {
  it("reads SMTP from the environment, and none when unset", () => {
    expect(readSmtpSettings({})).toBeNull();
    expect(readSmtpSettings({ MESH_SMTP_URL: "smtp://mail.example:2525" })).toEqual({ url: "smtp://mail.example:2525", from: "Mesh Console <mesh-console@localhost>" });
    expect(readSmtpSettings({ MESH_SMTP_URL: "smtps://u:p@mail.example", MESH_SMTP_FROM: "ops@acme.example" })?.from).toBe("ops@acme.example");
  });

  it.each([
    ["smtp//mail.example", "MESH_SMTP_URL is not a URL"],
    ["http://mail.example", "MESH_SMTP_URL must start with smtp:// or smtps://, not http://"],
    ["smtp://", "MESH_SMTP_URL"],
  ])("refuses MESH_SMTP_URL=%s with one clear message", (url, message) => {
    expect(() => readSmtpSettings({ MESH_SMTP_URL: url })).toThrow(message);
  });

  it("stops the start on a malformed SMTP URL, naming the variable", async () => {
    const env = { MESH_DEMO: "1", BETTER_AUTH_SECRET: "x".repeat(43) } as unknown as NodeJS.ProcessEnv;
    expect(await startupProblem({ ...env, MESH_SMTP_URL: "smtp//mail.example" })).toMatch(/^MESH_SMTP_URL is not a URL/);
    expect(await startupProblem({ ...env, MESH_SMTP_FROM: "not an address" , MESH_SMTP_URL: "smtp://m" })).toMatch(/^MESH_SMTP_FROM/);
    expect(await startupProblem({ ...env, MESH_OUTBOX_POLL_MS: "soon" })).toMatch(/^MESH_OUTBOX_POLL_MS/);
    expect(await startupProblem({ ...env, MESH_SMTP_URL: "smtp://mail.example:25" })).toBeNull();
  });

  it("polls every second unless told otherwise", () => {
    expect(outboxPollMs({})).toBe(1000);
    expect(outboxPollMs({ MESH_OUTBOX_POLL_MS: "0" })).toBe(0);
  });
});

describe("webhook signatures", () => {
  const body = webhookBody({ kind: "breakage", title: "t", body: "b", link: "/x" }, "https://console.example", "id-1", new Date(0));
  it("sign the timestamp with the body, and refuse changes, other secrets and stale timestamps", () => {
    const sig = signatureOf("s3cret", "1000", body);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature("s3cret", "1000", body, sig, 1000)).toBe(true);
    expect(verifySignature("s3cret", "1001", body, sig, 1000)).toBe(false);
    expect(verifySignature("other", "1000", body, sig, 1000)).toBe(false);
    expect(verifySignature("s3cret", "1000", `${body} `, sig, 1000)).toBe(false);
    expect(verifySignature("s3cret", "1000", body, sig, 1000 + 301)).toBe(false);
    expect(verifySignature("s3cret", "x", body, sig, 1000)).toBe(false);
  });
  it("carry Slack's text and blocks", () => {
    expect(JSON.parse(body)).toMatchObject({ text: "*t*\nb\n<https://console.example/x|Open in Mesh Console>", blocks: [{ type: "section" }], mesh: { id: "id-1", kind: "breakage" } });
  });
});

// Notification settings from the environment, checked when the server starts (server/startup.ts):
// a malformed SMTP URL stops the start with one message instead of failing every send later.

export interface SmtpSettings {
  url: string;
  from: string;
}

/** `MESH_SMTP_URL` (smtp:// or smtps://, user and password optional) and `MESH_SMTP_FROM`; null: no email. */
export function readSmtpSettings(env: Readonly<Record<string, string | undefined>> = process.env): SmtpSettings | null {
  const raw = env.MESH_SMTP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`MESH_SMTP_URL is not a URL (expected smtp://[user:password@]host[:port] or smtps://…)`);
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error(`MESH_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  if (!url.hostname) throw new Error("MESH_SMTP_URL names no host (expected smtp://[user:password@]host[:port])");
  if (url.port && !(Number(url.port) > 0 && Number(url.port) < 65536)) throw new Error(`MESH_SMTP_URL has an invalid port: ${url.port}`);
  const from = env.MESH_SMTP_FROM?.trim() || "Mesh Console <mesh-console@localhost>";
  if (!/^[^\r\n<>]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(from)) throw new Error(`MESH_SMTP_FROM is not an email address: ${from}`);
  return { url: raw, from };
}

/** Milliseconds between outbox polls (`MESH_OUTBOX_POLL_MS`, default 1000); 0 turns the worker off (CLI, tests). */
export function outboxPollMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.MESH_OUTBOX_POLL_MS;
  if (raw === undefined || raw === "") return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`MESH_OUTBOX_POLL_MS must be a whole number of milliseconds, not '${raw}'`);
  return n;
}

// What stands in front of better-auth's endpoints (/api/auth/*): the client address it may use
// for rate limits (client-ip.ts), the per-account lockout of password sign-in
// (sign-in-throttle.ts), the switch that turns password sign-in off, and Secure cookies on https.
import "server-only";
import { getDb } from "../db/client";
import { requestIsHttps } from "../http/security-headers";
import { getAuth, getAuthSettings } from "./auth";
import { CLIENT_IP_HEADER, clientAddress, trustedProxyList } from "./client-ip";
import { clearAttempts, reserveAttempt } from "./sign-in-throttle";

const PASSWORD_SIGN_IN_PATH = "/api/auth/sign-in/email";
const MAX_AUTH_BODY_BYTES = 64 * 1024;

const refusal = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  Response.json({ code, message }, { status, headers });

let trusted: { entries: string[]; list: ReturnType<typeof trustedProxyList> } | undefined;
function trustedProxies(entries: string[]) {
  if (trusted?.entries !== entries) trusted = { entries, list: trustedProxyList(entries) };
  return trusted.list;
}

/** Adds `Secure` to cookies set over https (outside the demo, better-auth sets it on every cookie already). */
function secureCookies(response: Response, https: boolean): Response {
  if (!https) return response;
  const cookies = response.headers.getSetCookie();
  if (!cookies.some((c) => !/;\s*secure\b/i.test(c))) return response;
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of cookies) headers.append("set-cookie", /;\s*secure\b/i.test(cookie) ? cookie : `${cookie}; Secure`);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The body, read up to MAX_AUTH_BODY_BYTES whatever Content-Length claims (null: too large). */
async function readBody(request: Request): Promise<{ bytes: Uint8Array | undefined } | null> {
  if (request.method === "GET" || request.method === "HEAD" || !request.body) return { bytes: undefined };
  if (Number(request.headers.get("content-length") ?? "0") > MAX_AUTH_BODY_BYTES) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_AUTH_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return { bytes: Buffer.concat(chunks) };
}

function emailOf(body: Uint8Array | undefined): string | null {
  if (!body) return null;
  try {
    const email = (JSON.parse(new TextDecoder().decode(body)) as { email?: unknown })?.email;
    return typeof email === "string" && email.trim() ? email : null;
  } catch {
    return null;
  }
}

export async function handleAuthRequest(request: Request): Promise<Response> {
  const settings = getAuthSettings();
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  const client = clientAddress(request.headers, trustedProxies(settings.trustedProxies));
  if (client) headers.set(CLIENT_IP_HEADER, client);
  const https = requestIsHttps(request.url, request.headers);

  const read = await readBody(request);
  if (!read) return refusal(413, "PAYLOAD_TOO_LARGE", `request body over ${MAX_AUTH_BODY_BYTES} bytes`);
  const body = read.bytes;
  const forward = () => getAuth().handler(new Request(request.url, { method: request.method, headers, body: body as BodyInit | undefined }));

  const url = new URL(request.url);
  if (request.method !== "POST" || url.pathname !== PASSWORD_SIGN_IN_PATH) return secureCookies(await forward(), https);

  if (!settings.passwordSignIn) return refusal(403, "PASSWORD_SIGN_IN_OFF", "password sign-in is switched off here; sign in with single sign-on");
  const email = emailOf(body);
  if (email) {
    const attempt = await reserveAttempt(getDb(), email);
    if (!attempt.allowed) {
      const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
      return refusal(429, "ACCOUNT_LOCKED", `Too many sign-in attempts for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
        "retry-after": String(attempt.retryAfterSeconds),
      });
    }
  }
  const response = await forward();
  if (email && response.ok) await clearAttempts(getDb(), email);
  return secureCookies(response, https);
}

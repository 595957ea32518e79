// Security headers of every response. Static ones come from next.config.ts (all paths); pages get
// a Content-Security-Policy with a fresh nonce per request from proxy.ts, which Next.js reads back
// from the request headers and puts on its own inline and chunk scripts. Pure: both import it.

/** On every response, whatever produced it. */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Sent when the request came over https (browsers ignore it over http anyway). */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** JSON, YAML and other non-page answers: nothing may run, nothing may frame them. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Pages: scripts only with this request's nonce (and what they load, 'strict-dynamic'); styles may
 * be inline (React style attributes, the editor's and the canvas's injected styles), nothing else.
 */
export function pageCsp(nonce: string, { https, development }: { https: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The request came over https, as the URL or the proxy in front says. */
export function requestIsHttps(url: string, headers: Headers): boolean {
  return url.startsWith("https:") || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

// First line of defence for pages and raw YAML, before they run: without a session cookie, pages
// redirect to the sign-in page and /r/ answers 401. It only sees whether a cookie exists; the real
// check (is the session valid?) is getActor()/requireActor() in the route or page. The raw
// published YAML under /r/ also accepts a read token (Authorization: Bearer, for CI): such
// requests go on to the route, which checks the token.
// Each page gets a Content-Security-Policy with a fresh nonce (Next.js puts it on its scripts).
// API routes are not matched: each checks its session itself (server/http/route.ts), and running
// the proxy in front of them halved the API's throughput (`npm run bench:api`); their security
// headers come from next.config.ts.
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER, SIGN_IN_PATH, signInPath } from "./server/auth/paths";
import { HSTS, newNonce, NON_PAGE_CSP, pageCsp, requestIsHttps } from "./server/http/security-headers";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = requestIsHttps(request.url, request.headers);
  const isRaw = pathname.startsWith("/r/");
  const csp = isRaw ? NON_PAGE_CSP : pageCsp(newNonce(), { https, development: process.env.NODE_ENV === "development" });
  const secure = <R extends NextResponse>(response: R): R => {
    response.headers.set("Content-Security-Policy", csp);
    if (https) response.headers.set(HSTS.key, HSTS.value);
    return response;
  };

  const mayCarryToken = isRaw && request.headers.has("authorization");
  if (pathname !== SIGN_IN_PATH && !mayCarryToken && !getSessionCookie(request)) {
    if (isRaw) return secure(NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "sign in first" } }, { status: 401 }));
    return secure(NextResponse.redirect(new URL(signInPath(pathname + search), request.url)));
  }
  if (isRaw) return secure(NextResponse.next());
  // Pages need to know their own path (to come back to it after signing in) and the nonce.
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, pathname + search);
  headers.set("Content-Security-Policy", csp);
  return secure(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything except the API, Next's own assets and the app icon.
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg).*)"],
};

// First line of defence for pages and raw YAML, before they run: without a session cookie, pages
// redirect to the sign-in page and /r/ answers 401. It only sees whether a cookie exists; the real
// check (is the session valid?) is getActor()/requireActor() in the route or page. The raw
// published YAML under /r/ also accepts a read token (Authorization: Bearer, for CI): such
// requests go on to the route, which checks the token.
// API routes are not matched: each checks its session itself (server/http/route.ts), and running
// the proxy in front of them halved the API's throughput (`npm run bench:api`).
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER, SIGN_IN_PATH, signInPath } from "./server/auth/paths";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isRaw = pathname.startsWith("/r/");
  const mayCarryToken = isRaw && request.headers.has("authorization");
  if (pathname !== SIGN_IN_PATH && !mayCarryToken && !getSessionCookie(request)) {
    if (isRaw) return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "sign in first" } }, { status: 401 });
    return NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  }
  if (isRaw) return NextResponse.next();
  // Pages need to know their own path, to come back to it after signing in.
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything except the API, Next's own assets and the app icon.
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg).*)"],
};

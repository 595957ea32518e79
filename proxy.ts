// First line of defence, before any page or API route runs: without a session cookie, pages
// redirect to the sign-in page and the API answers 401. It only sees whether a cookie exists;
// the real check (is the session valid?) is getActor()/requireActor() in the route or page.
// The raw published YAML under /r/ also accepts a read token (Authorization: Bearer, for CI):
// such requests go on to the route, which checks the token.
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER, SIGN_IN_PATH, signInPath } from "./server/auth/paths";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = pathname === SIGN_IN_PATH || pathname.startsWith("/api/auth/");
  const isRaw = pathname.startsWith("/r/");
  const mayCarryToken = isRaw && request.headers.has("authorization");
  if (!isPublic && !mayCarryToken && !getSessionCookie(request)) {
    if (pathname.startsWith("/api/") || isRaw) {
      return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "sign in first" } }, { status: 401 });
    }
    return NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  }
  // Only pages need to know their own path (to come back after signing in); API calls go on untouched.
  if (pathname.startsWith("/api/") || isRaw) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything except Next's own assets and the app icon.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg).*)"],
};

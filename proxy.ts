// First line of defence, before any page or API route runs: without a session cookie, pages
// redirect to the sign-in page and the API answers 401. It only sees whether a cookie exists;
// the real check (is the session valid?) is getActor()/requireActor() in the route or page.
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER, SIGN_IN_PATH, signInPath } from "./server/auth/paths";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isPublic = pathname === SIGN_IN_PATH || pathname.startsWith("/api/auth/");
  if (!isPublic && !getSessionCookie(request)) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "sign in first" } }, { status: 401 });
    }
    return NextResponse.redirect(new URL(signInPath(pathname + search), request.url));
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything except Next's own assets, the app icon and the raw published YAML under /r/
  // (its route decides who may fetch it, e.g. CI with a token).
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|r/).*)"],
};

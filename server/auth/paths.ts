// Where signed-out users go and how they come back. Pure: the proxy imports it too.

export const SIGN_IN_PATH = "/sign-in";

/** Request header the proxy sets to the requested path + query, for server components. */
export const REQUEST_PATH_HEADER = "x-mesh-request-path";

/** `next` only ever points inside the console (a relative path), never to another site. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next.startsWith(SIGN_IN_PATH) ? "/" : next;
}

export function signInPath(next: string | null | undefined): string {
  const target = safeNextPath(next);
  return target === "/" ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}`;
}

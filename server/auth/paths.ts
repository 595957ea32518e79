// Where signed-out users go and how they come back. Pure: the proxy imports it too.
import { safeRelativePath } from "../../lib/auth/next-path";

export const SIGN_IN_PATH = "/sign-in";

/** Request header the proxy sets to the requested path + query, for server components. */
export const REQUEST_PATH_HEADER = "x-mesh-request-path";

/** `next` only ever points inside the console (a same-origin path), never to another site nor back to the sign-in page. */
export function safeNextPath(next: string | null | undefined): string {
  const path = safeRelativePath(next);
  return path === SIGN_IN_PATH || path.startsWith(`${SIGN_IN_PATH}?`) || path.startsWith(`${SIGN_IN_PATH}#`) || path.startsWith(`${SIGN_IN_PATH}/`) ? "/" : path;
}

export function signInPath(next: string | null | undefined): string {
  const target = safeNextPath(next);
  return target === "/" ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}`;
}

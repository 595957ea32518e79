// Where to go after signing in: only ever a path on this console. A browser resolves the value
// (a Location header, location.assign) with the WHATWG URL parser, which drops tabs and newlines
// and reads `\` as `/`, so `/%09/evil.example`, `/\evil` or `/./\/evil` would leave the site if
// passed through as typed. The value is therefore parsed the same way against a placeholder
// origin, and only its path, query and fragment are kept, re-serialised, if the origin did not
// change and the result cannot itself be read as a scheme-relative (`//host`) reference.
// Pure: the proxy, the sign-in page and the sign-in form use it.

const PLACEHOLDER_ORIGIN = "http://mesh-console.invalid";
const MAX_LENGTH = 2048;

export function safeRelativePath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_LENGTH || next[0] !== "/") return fallback;
  let url: URL;
  try {
    url = new URL(next, `${PLACEHOLDER_ORIGIN}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `//x` and `/\x` are scheme-relative to a browser; the serialiser can produce the first from `/.//x`.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

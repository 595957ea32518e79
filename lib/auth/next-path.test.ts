import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRelativePath } from "./next-path";

const ORIGIN = "https://console.example";
// Where a browser resolves `next`: the sign-in page itself, and a page deeper in the console.
const BASES = [`${ORIGIN}/sign-in?next=x`, `${ORIGIN}/domains/sales/history`];

// Pieces attackers use to leave the site: separators, dot segments, encodings of them,
// characters browsers strip or fold, schemes, credentials and hosts.
const TOKENS = [
  "/", "//", "\\", "\t", "\n", "\r", " ", "\u0000", "\u000b", "\u00a0", "\u3002", "\uff0f", "\u2215",
  ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "%5C", "%09", "%0a", "%0d", "%00", "%25", "%",
  ":", "@", "?", "#", ";", "&", "=",
  "evil.example", "evil", "localhost", "127.0.0.1", "[::1]", "user:pass@",
  "http:", "https:", "javascript:", "data:", "file:", "mailto:", "HTTP://", "https://evil.example",
  "sign-in", "domains", "a", "é", "🙂",
];
const hostile = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((parts) => parts.join(""));
const anyString = fc.oneof(hostile, fc.string({ unit: "binary", maxLength: 64 }), hostile.map((s) => `/${s}`));

function staysOnSite(path: string): void {
  expect(path.startsWith("/")).toBe(true);
  expect(path.startsWith("//")).toBe(false);
  expect(path.startsWith("/\\")).toBe(false);
  for (const base of BASES) expect(new URL(path, base).origin).toBe(ORIGIN);
}

describe("safeRelativePath", { timeout: 60_000 }, () => {
  it("always resolves to this origin, from any base, for any input (hostile strings included)", () => {
    fc.assert(
      fc.property(anyString, (input) => staysOnSite(safeRelativePath(input))),
      { numRuns: 20_000 },
    );
  });

  it("is a fixed point: what it returns passes through unchanged", () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const once = safeRelativePath(input);
        expect(safeRelativePath(once)).toBe(once);
      }),
      { numRuns: 10_000 },
    );
  });

  it("keeps an ordinary console path with its query and fragment", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 5 }),
        fc.option(fc.stringMatching(/^[a-z]{1,5}=[a-z0-9]{0,5}$/), { nil: undefined }),
        (segments, query) => {
          const path = `/${segments.join("/")}${query ? `?${query}` : ""}`;
          expect(safeRelativePath(path)).toBe(path);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it.each([
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/./\\/evil.example",
    "/.//evil.example",
    "/a/../..//evil.example",
    "/\n/evil.example",
    "https://evil.example",
    "https:evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
  ])("%j stays on the console (falls back to /)", (input) => {
    const path = safeRelativePath(input);
    staysOnSite(path);
    expect(path).toBe("/");
  });

  it("keeps what is safe and refuses the rest with the fallback", () => {
    expect(safeRelativePath("/audit?action=publish")).toBe("/audit?action=publish");
    expect(safeRelativePath("/tree#product=x")).toBe("/tree#product=x");
    // Still encoded (not yet decoded from a query string), these are harmless paths on this site.
    expect(safeRelativePath("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeRelativePath("/ /evil.example")).toBe("/%20/evil.example");
    expect(safeRelativePath("//evil.example", "/home")).toBe("/home");
    expect(safeRelativePath(undefined)).toBe("/");
    expect(safeRelativePath(42)).toBe("/");
    expect(safeRelativePath(`/${"a".repeat(5000)}`)).toBe("/");
  });
});

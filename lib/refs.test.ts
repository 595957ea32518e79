import fc from "fast-check";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { formatOciRef, parseOciRef, refToRelativePath, relativePathToRef } from "./refs";

const DIR = "/srv/registry";
const staysInside = (rel: string) => {
  const path = resolve(DIR, rel);
  const back = relative(DIR, path);
  return path.startsWith(DIR + sep) && !back.startsWith("..") && !isAbsolute(back);
};

// Pieces an attacker would combine: traversal, separators, encodings, NULs, odd Unicode.
const HOSTILE = ["..", ".", "", "/", "//", "\\", "..\\", "%2e", "%2E%2e", "%2f", "%00", "\0", "~", " ", "\u202e", "ｏ", "a", "floe", "sales", "1.0.0", ":", "@", "sha256:" + "a".repeat(64), "-", "_", "__", "localhost:5000", "registry.acme.example"];
const piece = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 }), fc.stringMatching(/^[a-z0-9._/\\%-]{0,12}$/));
const refString = fc.oneof(
  fc.tuple(piece, fc.array(piece, { maxLength: 5 }), piece).map(([host, path, tag]) => `oci://${host}/${path.join("/")}:${tag}`),
  fc.tuple(piece, fc.array(piece, { maxLength: 5 }), fc.constantFrom("", "@sha256:" + "b".repeat(64))).map(([host, path, digest]) => `oci://${host}/${path.join("/")}${digest}`),
  fc.array(piece, { maxLength: 8 }).map((p) => `oci://${p.join("")}`),
  fc.string({ maxLength: 80 }).map((s) => `oci://${s}`),
);

describe("parseOciRef", () => {
  it("maps every reference it accepts to a path inside the registry directory, and round-trips it", () => {
    fc.assert(
      fc.property(refString, (ref) => {
        const parsed = parseOciRef(ref);
        if (!parsed) return;
        expect(staysInside(refToRelativePath(parsed)), ref).toBe(true);
        expect(refToRelativePath(parsed).split("/")).not.toContain("..");
        expect(parseOciRef(formatOciRef(parsed))).toEqual(parsed);
        // A tagged reference's file names it back (the registry directory, import and /r/ read it so).
        if (parsed.tag && !parsed.digest) expect(relativePathToRef(refToRelativePath(parsed)), ref).toBe(formatOciRef(parsed));
      }),
      { numRuns: 20_000 },
    );
  });

  it("refuses traversal, empty segments, backslashes, percent-encodings and absolute paths", () => {
    for (const ref of [
      "oci://registry.acme.example/../../etc/passwd:1.0.0",
      "oci://registry.acme.example/floe/../sales:1.0.0",
      "oci://registry.acme.example/floe/./sales:1.0.0",
      "oci://registry.acme.example/floe//sales:1.0.0",
      "oci://registry.acme.example//etc/sales:1.0.0",
      "oci://registry.acme.example/floe/sales/:1.0.0",
      "oci://registry.acme.example/floe\\..\\sales:1.0.0",
      "oci://registry.acme.example/floe/%2e%2e/sales:1.0.0",
      "oci://registry.acme.example/floe/sales:..",
      "oci://registry.acme.example/floe/sales:.",
      "oci://../floe/sales:1.0.0",
      "oci://./floe/sales:1.0.0",
      "oci:///etc/passwd:1.0.0",
      "oci://registry.acme.example/floe/sales",
      "oci://registry.acme.example/floe/.hidden:1.0.0",
      "oci://registry.acme.example/floe/sales.:1.0.0",
      "oci://registry.acme.example/" + "a/".repeat(200) + "b:1.0.0",
    ])
      expect([ref, parseOciRef(ref)]).toEqual([ref, null]);
  });

  it("accepts the references the console and floe write", () => {
    for (const ref of [
      "oci://registry.acme.example/floe/sales:1.0.0",
      "oci://registry.acme.example/floe/acme-enterprise:2.3.0-rc.1",
      "oci://localhost:5000/floe/platform_base/v2:latest",
      "oci://registry.acme.example/floe/sales@sha256:" + "c".repeat(64),
      "oci://registry.acme.example/floe/sales:1.0.0@sha256:" + "c".repeat(64),
    ])
      expect(parseOciRef(ref), ref).not.toBeNull();
    expect(refToRelativePath(parseOciRef("oci://localhost:5000/floe/sales@sha256:" + "c".repeat(64))!)).toBe(`localhost:5000/floe/sales/sha256-${"c".repeat(64)}.yaml`);
  });
});

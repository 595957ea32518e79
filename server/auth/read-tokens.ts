// Read tokens for CI and floe tooling: `Authorization: Bearer <token>` lets a caller without a
// session fetch the raw published YAML under /r/ (and nothing else). Tokens come from
// MESH_READ_TOKENS (comma-separated), validated once.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const ReadTokensEnv = z.object({
  MESH_READ_TOKENS: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(16, "each MESH_READ_TOKENS entry must be at least 16 characters").regex(/^[\x21-\x7e]+$/, "MESH_READ_TOKENS entries are printable ASCII without spaces"))),
});

// Compared as SHA-256 digests: equal lengths for timingSafeEqual, and no early exit on a prefix.
const digest = (token: string) => createHash("sha256").update(token).digest();

let configured: Buffer[] | undefined;

/** The configured tokens' digests; a malformed MESH_READ_TOKENS is a server error, not the caller's. */
export function readTokenDigests(env: Record<string, string | undefined> = process.env): Buffer[] {
  const parsed = ReadTokensEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data.MESH_READ_TOKENS.map(digest);
}

/** Whether an Authorization header carries one of the configured read tokens (constant time per token). */
export function isReadToken(authorization: string, tokens: Buffer[] = (configured ??= readTokenDigests())): boolean {
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(authorization.trim());
  if (!match) return false;
  const presented = digest(match[1]);
  let ok = false;
  for (const token of tokens) ok = timingSafeEqual(presented, token) || ok;
  return ok;
}

// GET /api/tree: the whole organisation tree with statuses and roll-ups, in one response.
import { getDb } from "@/server/db/client";
import { getActor } from "@/server/auth/actor";
import { ServiceError } from "@/server/services/errors";
import { currentTreeJson } from "@/server/services/tree";

export const dynamic = "force-dynamic";

const json = (body: string, status = 200) => new Response(body, { status, headers: { "content-type": "application/json" } });

/**
 * The tree uncompressed: Next's gzip of this megabyte took ~0.6–1 s per response on a 2-core
 * machine (streamed chunk by chunk), four times the whole uncompressed response on localhost, and
 * Next drops a route's own content-encoding, so a pre-gzipped body cannot be sent either.
 * `no-transform` is what makes Next's compression skip it; a proxy in front may still compress.
 */
const uncompressedJson = (body: string) => new Response(body, { headers: { "content-type": "application/json", "cache-control": "private, no-transform" } });

export async function GET(request: Request) {
  if (!(await getActor(request.headers))) return json(JSON.stringify({ error: { code: "UNAUTHENTICATED", message: "sign in first" } }), 401);
  try {
    return uncompressedJson(await currentTreeJson(getDb()));
  } catch (error) {
    if (error instanceof ServiceError) return json(JSON.stringify({ error: { code: error.code, message: error.message } }), error.status);
    throw error;
  }
}

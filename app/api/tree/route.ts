// GET /api/tree: the whole organisation tree with statuses and roll-ups, in one response.
import { TreeWire } from "../../../lib/contract/responses";
import { route } from "../../../server/http/route";
import { currentTreeJson } from "../../../server/services/tree";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The tree uncompressed: Next's gzip of this megabyte took ~0.6–1 s per response on a 2-core
 * machine (streamed chunk by chunk), four times the whole uncompressed response on localhost, and
 * Next drops a route's own content-encoding, so a pre-gzipped body cannot be sent either.
 * `no-transform` is what makes Next's compression skip it; a proxy in front may still compress.
 */
const uncompressedJson = (body: string) => new Response(body, { headers: { "content-type": "application/json", "cache-control": "private, no-transform" } });

// Pre-serialised (and memoised) by the service: declared `raw`, its shape documented, not re-parsed per response.
export const GET = route(
  {
    summary: "The whole organisation tree with statuses and roll-ups, in its compact wire form",
    raw: { contentType: "application/json", description: "lib/tree/wire.ts", schema: TreeWire },
  },
  async ({ db }) => uncompressedJson(await currentTreeJson(db)),
);

import { MarkedRead } from "../../../../lib/contract/notify-responses";
import { route } from "../../../../server/http/route";
import { MarkReadInput, markRead } from "../../../../server/notify/inbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Body: `{ ids }` or `{ all: true }`. */
export const POST = route({ summary: "Mark notifications read", body: MarkReadInput, response: MarkedRead }, async ({ db, actor, body }) => markRead(db, actor, body));

import { Inbox } from "../../../lib/contract/notify-responses";
import { route } from "../../../server/http/route";
import { inbox } from "../../../server/notify/inbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The inbox: notifications, unread count, exceptions about to expire, and the badge number. */
export const GET = route({ summary: "My inbox: notifications, unread count, exceptions about to expire, the badge", response: Inbox }, async ({ db, actor }) => inbox(db, actor));

import { WebhookAdded, Webhooks } from "../../../lib/contract/notify-responses";
import { created, route } from "../../../server/http/route";
import { addWebhook, listWebhooks, WebhookInput } from "../../../server/notify/inbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Platform admins: the organisation's endpoints and the last 100 deliveries. */
export const GET = route({ summary: "The organisation's webhooks and their delivery log", response: Webhooks }, async ({ db, actor }) => listWebhooks(db, actor));
/** Body: `{ url }`; the answer carries the signing secret. */
export const POST = route({ summary: "Add a signed webhook endpoint", body: WebhookInput, created: WebhookAdded }, async ({ db, actor, body }) => created(await addWebhook(db, actor, body)));

import { WebhookRemoved } from "../../../../lib/contract/notify-responses";
import { param, route } from "../../../../server/http/route";
import { removeWebhook } from "../../../../server/notify/inbox";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = route({ summary: "Remove a webhook endpoint", response: WebhookRemoved }, async ({ db, actor, params }) => removeWebhook(db, actor, param(params, "id")));

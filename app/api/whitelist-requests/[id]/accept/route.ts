import { WhitelistAccepted } from "../../../../../lib/contract/review-responses";
import { created, param, route } from "../../../../../server/http/route";
import { WhitelistAcceptInput } from "../../../../../server/services/review-inputs";
import { acceptWhitelistRequest } from "../../../../../server/services/whitelist-requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Platform admins: opens the enterprise change request that adds the plugin. Body: `{ message? }`. */
export const POST = route({ summary: "Accept a whitelist request: the enterprise whitelist gains the plugin", body: WhitelistAcceptInput.omit({ id: true }), created: WhitelistAccepted }, async ({ db, actor, body, params }) =>
  created(await acceptWhitelistRequest({ db, actor, input: { ...body, id: param(params, "id") } })),
);

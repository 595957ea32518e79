import { WhitelistRequested, WhitelistRequestList } from "../../../lib/contract/review-responses";
import { created, route } from "../../../server/http/route";
import { WhitelistRequestInput } from "../../../server/services/review-inputs";
import { createWhitelistRequest, listWhitelistRequests } from "../../../server/services/whitelist-requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Platform admins: the queue; domain owners: their domains' requests; everyone: their own. */
export const GET = route({ summary: "Requests to widen the enterprise plugin whitelist", response: WhitelistRequestList }, async ({ db, actor }) => listWhitelistRequests({ db, actor }));

/** A domain owner asks: `{ domain, category, plugin, reason }`. */
export const POST = route({ summary: "Ask the platform team to approve a plugin for a domain", body: WhitelistRequestInput, created: WhitelistRequested }, async ({ db, actor, body }) => created(await createWhitelistRequest({ db, actor, input: body })));

// POST /api/git/adopt: an incoming git change of a manifest becomes its draft (then reviewed and published as usual).
import { AdoptInput, adoptIncoming } from "../../../../server/git/adopt";
import { Saved } from "../../../../lib/contract/responses";
import { route } from "../../../../server/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Make an incoming git change of a manifest its draft", body: AdoptInput, response: Saved }, async ({ db, actor, body }) => adoptIncoming({ db, actor, input: body }));

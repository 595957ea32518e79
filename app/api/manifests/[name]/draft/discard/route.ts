import { DraftDiscarded } from "../../../../../../lib/contract/review-responses";
import { param, route } from "../../../../../../server/http/route";
import { discardDraft, DiscardDraftInput } from "../../../../../../server/services/draft-actions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Resets the draft to the latest published version. Body: `{ baseRevision }`. */
export const POST = route({ summary: "Discard a manifest's unpublished draft edits", body: DiscardDraftInput.omit({ name: true }), response: DraftDiscarded }, async ({ db, actor, body, params }) =>
  discardDraft({ db, actor, input: { ...body, name: param(params, "name") } }),
);

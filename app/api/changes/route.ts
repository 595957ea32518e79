import { ChangeList, ChangeSubmitted } from "../../../lib/contract/review-responses";
import { created, route } from "../../../server/http/route";
import { listChanges, submitChange } from "../../../server/services/change-requests";
import { ListChangesQuery, SubmitChangeInput } from "../../../server/services/review-inputs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The review queue: change requests the caller may read (`?status=active|closed|all`, `?manifest=NAME`). */
export const GET = route({ summary: "Change requests (reviewed drafts), active, closed or all", query: ListChangesQuery, response: ChangeList }, async ({ db, actor, query }) => listChanges({ db, actor, query }));

/** Submits a manifest's draft for review: `{ name, baseRevision, title, description }`. */
export const POST = route({ summary: "Submit a manifest draft for review", body: SubmitChangeInput, created: ChangeSubmitted }, async ({ db, actor, body }) => created(await submitChange({ db, actor, input: body })));

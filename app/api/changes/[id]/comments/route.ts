import { ChangeCommented } from "../../../../../lib/contract/review-responses";
import { created, param, route } from "../../../../../server/http/route";
import { commentOnChange } from "../../../../../server/services/change-requests";
import { CommentInput } from "../../../../../server/services/review-inputs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Body: `{ body, line? } (line of the reviewed YAML)`. */
export const POST = route({ summary: "Comment on a change request (optionally at a line)", body: CommentInput.omit({ id: true }), created: ChangeCommented }, async ({ db, actor, body, params }) =>
  created(await commentOnChange({ db, actor, input: { ...body, id: param(params, "id") } })),
);

import { route } from "../../../server/http/route";
import { ValidateInput } from "../../../server/services/inputs";
import { validateYaml } from "../../../server/services/validate";
import { Validation } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Validate a manifest or floe.yaml in the context of the current tree", response: Validation, body: ValidateInput }, async ({ db, actor, body }) => validateYaml({ db, actor, input: body }));

import { route } from "../../../server/http/route";
import { ValidateInput } from "../../../server/services/inputs";
import { validateYaml } from "../../../server/services/validate";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ body: ValidateInput }, async ({ db, actor, body }) => validateYaml({ db, actor, input: body }));

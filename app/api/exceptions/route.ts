import { created, route } from "../../../server/http/route";
import { listExceptions, requestException, RequestExceptionInput } from "../../../server/services/exceptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({}, async ({ db, actor }) => listExceptions(db, actor));

/** Body: `{ domain, policyType, reason, expires }` (expires: YYYY-MM-DD, required, at most a year ahead). */
export const POST = route({ body: RequestExceptionInput }, async ({ db, actor, body }) => created(await requestException({ db, actor, input: body })));

import { ExceptionItem, ExceptionList } from "../../../lib/contract/notify-responses";
import { created, route } from "../../../server/http/route";
import { listExceptions, requestException, RequestExceptionInput } from "../../../server/services/exceptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "Time-boxed exceptions, newest first, with their state today", response: ExceptionList }, async ({ db, actor }) => listExceptions(db, actor));

/** Body: `{ domain, policyType, reason, expires }` (expires: YYYY-MM-DD, required, at most a year ahead). */
export const POST = route({ summary: "Request a time-boxed exception to one policy type for a domain", body: RequestExceptionInput, created: ExceptionItem }, async ({ db, actor, body }) => created(await requestException({ db, actor, input: body })));

import { z } from "zod";
import { REQUEST_STATUSES } from "../../../lib/statuses";
import { created, route } from "../../../server/http/route";
import { SubmitRequestInput } from "../../../server/services/inputs";
import { listRequests } from "../../../server/services/queries";
import { MAX_PAGE } from "../../../lib/paging";
import { submitRequest } from "../../../server/services/requests";
import { RequestCreated, RequestPage } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.strictObject({
  domain: z.string().max(100).optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  mine: z.enum(["0", "1"]).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
  cursor: z.string().max(200).optional(),
});

export const GET = route({ summary: "Registration requests, newest first, a page at a time", query: Query, response: RequestPage }, async ({ db, actor, query }) => listRequests(db, actor, { ...query, mine: query.mine === "1" }));

export const POST = route({ summary: "File (or re-file) a product for registration in a domain", body: SubmitRequestInput, created: RequestCreated }, async ({ db, actor, body }) => created(await submitRequest({ db, actor, input: body })));

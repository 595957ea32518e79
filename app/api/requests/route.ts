import { z } from "zod";
import { created, route } from "../../../server/http/route";
import { SubmitRequestInput } from "../../../server/services/inputs";
import { listRequests } from "../../../server/services/queries";
import { MAX_PAGE } from "../../../lib/paging";
import { submitRequest } from "../../../server/services/requests";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.strictObject({
  domain: z.string().max(100).optional(),
  status: z.enum(["pending", "approved", "rejected", "withdrawn"]).optional(),
  mine: z.enum(["0", "1"]).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
  cursor: z.string().max(200).optional(),
});

export const GET = route({ query: Query }, async ({ db, actor, query }) => listRequests(db, actor, { ...query, mine: query.mine === "1" }));

export const POST = route({ body: SubmitRequestInput }, async ({ db, actor, body }) => created(await submitRequest({ db, actor, input: body })));

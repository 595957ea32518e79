import { z } from "zod";
import { PRODUCT_STATUSES } from "../../../lib/statuses";
import { route } from "../../../server/http/route";
import { listProducts } from "../../../server/services/queries";
import { MAX_PAGE } from "../../../lib/paging";
import { ProductPage } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Paginated: ?limit (at most MAX_PAGE) and ?cursor (the previous page's nextCursor).
const Query = z.strictObject({
  domain: z.string().max(100).optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
  cursor: z.string().max(200).optional(),
});

export const GET = route({ summary: "Products by name, a page at a time (follow nextCursor)", query: Query, response: ProductPage }, async ({ db, actor, query }) => listProducts(db, actor, query));

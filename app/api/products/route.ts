import { z } from "zod";
import { route } from "../../../server/http/route";
import { listProducts } from "../../../server/services/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.strictObject({ domain: z.string().max(100).optional(), status: z.enum(["pending", "approved", "rejected", "withdrawn", "removed"]).optional() });

export const GET = route({ query: Query }, async ({ db, actor, query }) => listProducts(db, actor, query));

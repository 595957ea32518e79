import { z } from "zod";
import { route } from "../../../server/http/route";
import { search } from "../../../server/services/search";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.strictObject({ q: z.string().max(200).default("") });

export const GET = route({ query: Query }, async ({ db, actor, query }) => search(db, actor, query.q));

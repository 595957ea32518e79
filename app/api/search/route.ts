import { z } from "zod";
import { route } from "../../../server/http/route";
import { search } from "../../../server/services/search";
import { SearchResults } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.strictObject({ q: z.string().max(200).default("") });

export const GET = route({ summary: "Domains, products, manifests and people matching q", query: Query, response: SearchResults }, async ({ db, actor, query }) => search(db, actor, query.q));

import { param, route } from "../../../../server/http/route";
import { getProduct } from "../../../../server/services/queries";
import { ProductDetail } from "../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ summary: "One product: floe.yaml, resolved configuration with provenance, requests", response: ProductDetail }, async ({ db, actor, params }) => getProduct(db, actor, param(params, "name")));

import { param, route } from "../../../../../server/http/route";
import { RemoveProductInput } from "../../../../../server/services/inputs";
import { removeProduct } from "../../../../../server/services/remove-product";
import { Removed } from "../../../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ summary: "Remove an approved product: a new domain version without it", response: Removed, body: RemoveProductInput.omit({ name: true }) }, async ({ db, actor, body, params }) =>
  removeProduct({ db, actor, input: { ...body, name: param(params, "name") } }),
);

import { z } from "zod";
import { ImpactAnswer } from "../../../../../lib/contract/responses";
import { IMPACT_GROUPS } from "../../../../../lib/org/impact-page";
import { param, route } from "../../../../../server/http/route";
import { impactResponse } from "../../../../../server/services/impact-preview";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// No query: the summary and the first page of each group. ?group=…&cursor=…: the next page of a group.
// ?view=marks: every affected node's name under its worst mark (the tree's overlay).
const Query = z.strictObject({
  group: z.enum(IMPACT_GROUPS).optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  view: z.literal("marks").optional(),
});

export const GET = route({ summary: "What publishing the current draft would change, break and fix: a summary and pages", response: ImpactAnswer, query: Query }, async ({ db, actor, params, query }) =>
  impactResponse({ db, actor, name: param(params, "name"), query }),
);

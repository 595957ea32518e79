import { z } from "zod";
import { route } from "../../../server/http/route";
import { listAudit } from "../../../server/services/queries";
import { AuditPage } from "../../../lib/contract/responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Query = z.strictObject({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  actor: z.string().max(320).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const GET = route({ summary: "The audit log, newest first, a page at a time", query: Query, response: AuditPage }, async ({ db, actor, query }) => listAudit(db, actor, query));

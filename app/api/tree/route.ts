// GET /api/tree: the whole organisation tree with statuses and roll-ups, in one response.
import { getDb } from "@/server/db/client";
import { getActor } from "@/server/auth/actor";
import { ServiceError } from "@/server/services/errors";
import { currentTreeJson } from "@/server/services/tree";

export const dynamic = "force-dynamic";

const json = (body: string, status = 200) => new Response(body, { status, headers: { "content-type": "application/json" } });

export async function GET(request: Request) {
  if (!(await getActor(request.headers))) return json(JSON.stringify({ error: { code: "UNAUTHENTICATED", message: "sign in first" } }), 401);
  try {
    return json(await currentTreeJson(getDb()));
  } catch (error) {
    if (error instanceof ServiceError) return json(JSON.stringify({ error: { code: error.code, message: error.message } }), error.status);
    throw error;
  }
}

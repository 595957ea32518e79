// POST /api/git/webhook: a push to the remote was announced; fetch now. Authenticated by the shared
// secret only: GitHub/Gitea's X-Hub-Signature-256 (HMAC-SHA256 of the body) or GitLab's X-Gitlab-Token.
import { createHmac, timingSafeEqual } from "node:crypto";
import { getDb, type Db } from "../db/client";
import { errorResponse, readBodyBytes, toErrorResponse } from "../http/route";
import { gitConfig } from "./config";
import { fetchRemote } from "./incoming";

const MAX_WEBHOOK_BYTES = 1024 * 1024;

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export async function gitWebhook(req: Request, db: Db = getDb()): Promise<Response> {
  try {
    const config = gitConfig();
    if (!config?.webhookSecret) return errorResponse(404, "GIT_WEBHOOK_OFF", "no git webhook is configured (MESH_GIT_REMOTE and MESH_GIT_WEBHOOK_SECRET)");
    const body = await readBodyBytes(req, MAX_WEBHOOK_BYTES);
    const signature = req.headers.get("x-hub-signature-256");
    const token = req.headers.get("x-gitlab-token");
    const expected = `sha256=${createHmac("sha256", config.webhookSecret).update(body).digest("hex")}`;
    const valid = signature !== null ? equal(signature, expected) : token !== null && equal(token, config.webhookSecret);
    if (!valid) return errorResponse(401, "BAD_SIGNATURE", "the webhook signature does not match MESH_GIT_WEBHOOK_SECRET");
    const fetched = await fetchRemote(db, config);
    // A remote that is down is an answer, not a server error: the status page shows it.
    return Response.json({ fetched: fetched.ok, head: fetched.head, error: fetched.error ?? null });
  } catch (error) {
    return toErrorResponse(error);
  }
}

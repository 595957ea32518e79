// The one hook into publishing: a row written in the publishing transaction, so a version and its
// pending git commit exist together or not at all. Sending happens after the commit (sync.ts).
import type { Actor } from "../../lib/auth/permissions";
import type { Tx } from "../services/db";
import { gitConfig } from "./config";

export async function enqueueGitCommit(tx: Tx, entry: { versionId: string; actor: Actor; message: string }, env: NodeJS.ProcessEnv = process.env) {
  if (!gitConfig(env)) return;
  await tx.gitOutbox.create({ data: { versionId: entry.versionId, authorName: entry.actor.name || entry.actor.email, authorEmail: entry.actor.email, message: entry.message } });
}

// Checks made once when the server starts (instrumentation.ts), each a reason to refuse: the
// console must not serve a deployment anyone could sign in to with a published password, nor
// sign sessions with a secret it does not have.
import { getDb } from "./db/client";
import { readAuthSettings } from "./auth/env";
import { resolveSecret } from "./auth/secret";
import { outboxPollMs, readSmtpSettings } from "./notify/config";
import { gitConfig } from "./git/config";
import { demoCredentials } from "./seed/demo-credentials";

/** Why the server must not start, in one message; null when it may. */
export async function startupProblem(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  try {
    const settings = readAuthSettings(env);
    resolveSecret(settings.secret, settings.demo);
    readSmtpSettings(env);
    outboxPollMs(env);
    gitConfig(env);
    if (settings.demo) return null;
    const open = await demoCredentials(getDb()).catch((error: { code?: string }) => {
      // A database not migrated yet has no accounts at all.
      if (error?.code === "P2021") return [];
      throw error;
    });
    if (open.length === 0) return null;
    return (
      `demo accounts with the published demo password exist in this database (${open.join(", ")}), and MESH_DEMO is not 1. ` +
      "Remove them with `npx mesh admin remove-demo-accounts` (then create the first platform admin with `npx mesh admin bootstrap --email YOU`), " +
      "or run the demo with MESH_DEMO=1 (what `npm start` does on the embedded default)."
    );
  } catch (error) {
    return (error as Error).message;
  }
}

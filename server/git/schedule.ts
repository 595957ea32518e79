// Runs in every server instance: drains the outbox every couple of seconds (a published version is
// pushed at once; the lease keeps instances from pushing the same row) and fetches the remote on a
// schedule. Failures are recorded in the database and shown; nothing here throws into a request.
import type { Db } from "../db/client";
import { gitConfig } from "./config";
import { fetchRemote } from "./incoming";
import { drainGitOutbox } from "./sync";

const DRAIN_EVERY_MS = 2_000;

export function startGitSync(db: Db): void {
  const config = gitConfig();
  if (!config) return;
  let draining = false;
  const drain = () => {
    if (draining) return;
    draining = true;
    drainGitOutbox(db, config)
      .catch(() => {})
      .finally(() => (draining = false));
  };
  setInterval(drain, DRAIN_EVERY_MS).unref();
  setInterval(() => void fetchRemote(db, config).catch(() => {}), config.fetchIntervalSeconds * 1000).unref();
  void fetchRemote(db, config).catch(() => {});
}

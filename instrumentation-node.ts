// Server start on the Node.js runtime (instrumentation.ts loads this only there, so the edge
// build never sees process.exit).
export async function registerNode(): Promise<void> {
  const [{ startupProblem }, { installPeerAddressHook }] = await Promise.all([import("./server/startup"), import("./server/auth/client-ip")]);
  // Bad configuration, or a published password in a real deployment: one clear message, no server.
  const problem = await startupProblem();
  if (problem) {
    console.error(`\nMesh Console refuses to start: ${problem}\n`);
    process.exit(1);
  }
  installPeerAddressHook();
  // The tree view's first request would otherwise evaluate the whole organisation (tens of
  // seconds at 25,000 products): start now. Fire and forget (requests meanwhile share this
  // evaluation): a database that is not there yet (fresh install, tests) only means no warm cache.
  const [{ getDb }, { currentTreeJson }] = await Promise.all([import("./server/db/client"), import("./server/services/tree")]);
  currentTreeJson(getDb()).catch(() => {});
  // Notifications are sent after their transaction commits, by polling the outbox.
  const [{ startOutboxWorker }, { outboxPollMs }] = await Promise.all([import("./server/notify/outbox"), import("./server/notify/config")]);
  startOutboxWorker(getDb(), outboxPollMs());
  // Git sync (MESH_GIT_REMOTE): push published versions, fetch commits pushed by others.
  const { startGitSync } = await import("./server/git/schedule");
  startGitSync(getDb());
}

// Next.js calls register() once when a server starts. The tree view's first request would
// otherwise evaluate the whole organisation (tens of seconds at 25,000 products): start now.
export async function register() {
  // Not in the edge runtime, and not while `next build` collects pages (no database to warm).
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ getDb }, { currentTreeJson }] = await Promise.all([import("./server/db/client"), import("./server/services/tree")]);
  // Fire and forget (requests meanwhile share this evaluation): a database that is not there yet (fresh install, tests) only means no warm cache.
  currentTreeJson(getDb()).catch(() => {});
}

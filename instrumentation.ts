// Next.js calls register() once when a server starts, before it answers any request.
export async function register() {
  // Not while `next build` collects pages (no database, no secrets).
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // The documented shape: Next inlines NEXT_RUNTIME, so the edge build drops this branch.
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./instrumentation-node")).registerNode();
}

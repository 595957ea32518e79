// A worker thread of `mesh check` (check-parallel.ts): reads, parses, validates and resolves
// chunks of products against the manifests the main thread read, and sends back only what the
// check keeps of each (lib/org/check.ts, ProductOutcome). Started from a bundle (worker-bundle.ts).
import { parentPort } from "node:worker_threads";
import type { PlatformResolution } from "../resolve/chain";
import { ManifestStore } from "../resolve/store";
import { outcomesOf, type ChunkReply, type ChunkRequest, type WorkerSetup } from "./check-chunk";

let platforms: Promise<Map<string, PlatformResolution | null>> | undefined;

/** The same chains as the main thread's: the same manifest texts, the same day. */
async function resolvePlatforms(setup: WorkerSetup) {
  const texts = new Map(setup.manifests);
  const store = new ManifestStore((ref) => texts.get(ref) ?? null, { today: setup.today });
  const resolved = new Map<string, PlatformResolution | null>();
  for (const ref of setup.resolvable) resolved.set(ref, await store.platform(ref));
  return resolved;
}

parentPort!.on("message", async (message: WorkerSetup | ChunkRequest) => {
  if ("setup" in message) {
    platforms = resolvePlatforms(message);
    return;
  }
  let reply: ChunkReply;
  try {
    if (!platforms) throw new Error("a chunk came before the manifests");
    reply = { chunk: message.chunk, outcomes: outcomesOf(message.files, await platforms) };
  } catch (e) {
    reply = { chunk: message.chunk, error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});

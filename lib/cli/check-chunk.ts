// What the main thread and the worker threads of a parallel `mesh check` share (check-parallel.ts,
// check-worker.ts): the messages, and the work on one chunk of product files.
import { productOutcome, type ProductOutcome } from "../org/check";
import type { PlatformResolution } from "../resolve/chain";
import type { ManifestText } from "../resolve/store";
import { readText } from "./io";

/** A worker's first message: the manifests the main thread read (null: not found), the platforms it resolved, the day. */
export interface WorkerSetup {
  setup: true;
  manifests: [string, ManifestText | null][];
  resolvable: string[];
  today?: string;
}
export interface ChunkRequest {
  chunk: number;
  files: string[];
}
/** One outcome per file, null where the main thread must resolve it; or why the chunk failed. */
export type ChunkReply = { chunk: number; outcomes: (ProductOutcome | null)[] } | { chunk: number; error: string };

/** Thrown for a product naming a platform not resolved yet: it is resolved later, in file order, on the main thread. */
class NotResolvedHere extends Error {}

/** The outcomes of a chunk of product files against already resolved platforms; null for a product naming another. */
export function outcomesOf(files: readonly string[], platforms: ReadonlyMap<string, PlatformResolution | null>): (ProductOutcome | null)[] {
  return files.map((file) => {
    try {
      return productOutcome(readText(file), file, (ref) => {
        if (!platforms.has(ref)) throw new NotResolvedHere();
        return platforms.get(ref)!;
      });
    } catch (e) {
      if (e instanceof NotResolvedHere) return null;
      throw e;
    }
  });
}

// `mesh check` on several cores when asked (MESH_CHECK_WORKERS): worker threads read, parse,
// validate and resolve chunks of products (check-worker.ts) while the main thread resolves the
// manifests, takes chunks itself whenever it would wait, and adds every product's outcome in file
// order, so the result is the sequential check's, byte for byte.
//
// Not the default: on the 2-core machine this was built on, a worker added about 2 s of CPU at
// 25,000 products (start-up, its own cold JIT, the chains resolved again) to a 2.5 s check, and the
// CLI was no faster (4.4-6.9 s either way, other jobs running). Below PARALLEL_THRESHOLD products
// workers are never worth it.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { checkOrganisation, productOutcome, startCheck, type OrgCheck, type ProductOutcome } from "../org/check";
import type { PlatformResolution } from "../resolve/chain";
import type { ManifestStore, ManifestText } from "../resolve/store";
import { outcomesOf, type ChunkReply, type ChunkRequest, type WorkerSetup } from "./check-chunk";
import { readText } from "./io";
import { workerScript, type WorkerScript } from "./worker-bundle";

/**
 * Fewer products than this are checked on the main thread: a worker needs about 0.1 s to start
 * (more when its bundle is built again) and as long to warm up, while the main thread checks
 * 5,000 products in about a second.
 */
export const PARALLEL_THRESHOLD = 5_000;
/** Products per message: large enough that messages are cheap, small enough to share the tail. */
const CHUNK = 250;
const WORKER_ENTRY = fileURLToPath(new URL("./check-worker.ts", import.meta.url));

export interface ParallelOptions {
  /** Worker threads besides the main thread (default 0: the main thread alone). */
  workers?: number;
  /** The smallest organisation given workers (default PARALLEL_THRESHOLD). */
  threshold?: number;
  /** The day the store applies exceptions as of (the workers' stores apply the same). */
  today?: string;
  /** The worker, as a script (tests start a broken one to see a crash reported). */
  worker?: () => Promise<WorkerScript>;
}

/**
 * checkOrganisation over product files, with worker threads when there are enough products.
 * The result is the sequential check's: outcomes are added in file order, platforms come from
 * `store` (the main thread's), and a product naming a platform the workers were not given is
 * resolved on the main thread. A worker that fails or stops fails the check with its reason.
 */
export async function checkOrganisationFiles(manifestRefs: readonly string[], files: readonly string[], store: ManifestStore, options: ParallelOptions = {}): Promise<OrgCheck> {
  const workers = options.workers ?? 0;
  if (workers === 0 || files.length < (options.threshold ?? PARALLEL_THRESHOLD)) {
    return checkOrganisation(manifestRefs, (function* () {
      for (const file of files) yield { text: readText(file), file };
    })(), store);
  }
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  const done = new Array<(ProductOutcome | null)[] | undefined>(chunks.length);
  let queued = 0;
  let failure: Error | null = null;
  let closing = false;
  let wake = () => {};
  let setup: WorkerSetup | null = null;
  const pool: Worker[] = [];
  /** Gives a worker its next chunk (two in flight each, so none waits while the main thread is busy). */
  const feed = (w: Worker) => {
    if (queued >= chunks.length || failure || !setup) return;
    w.postMessage({ chunk: queued, files: chunks[queued] } satisfies ChunkRequest);
    queued++;
  };
  const begin = (w: Worker) => {
    w.postMessage(setup);
    feed(w);
    feed(w);
  };
  const start = (s: WorkerScript) => {
    for (let i = 0; i < workers && !closing; i++) {
      const worker = "file" in s ? new Worker(s.file) : new Worker(s.code, { eval: true });
      pool.push(worker);
      worker.on("message", (reply: ChunkReply) => {
        if ("error" in reply) failure ??= new Error(reply.error);
        else done[reply.chunk] = reply.outcomes;
        feed(worker);
        wake();
      });
      worker.on("error", (e) => {
        failure ??= new Error(`a worker thread of the check failed: ${e.message}`);
        wake();
      });
      worker.on("exit", (code) => {
        if (!closing) failure ??= new Error(`a worker thread of the check stopped before the end (exit code ${code})`);
        wake();
      });
      if (setup) begin(worker);
    }
  };
  // Started first: the workers load while the main thread resolves the manifests.
  (options.worker ?? (() => workerScript(WORKER_ENTRY)))().then(start, (e: Error) => {
    failure ??= new Error(`cannot start the check's worker threads: ${e.message}`);
    wake();
  });

  const check = await startCheck(manifestRefs, store);
  const platforms = new Map<string, PlatformResolution | null>();
  for (const ref of manifestRefs) platforms.set(ref, await store.platform(ref));
  const manifests: [string, ManifestText | null][] = [];
  for (const ref of store.loadedRefs()) {
    const m = await store.manifest(ref);
    manifests.push([ref, m ? { text: m.text, file: m.file } : null]);
  }
  setup = { setup: true, manifests, resolvable: [...platforms.keys()], today: options.today };
  pool.forEach(begin);

  try {
    for (let next = 0; next < chunks.length; ) {
      if (failure) throw failure;
      const outcomes = done[next];
      if (outcomes) {
        for (let i = 0; i < outcomes.length; i++) {
          const outcome = outcomes[i] ?? (await outcomeHere(chunks[next][i]));
          check.add(outcome, outcome.ref ? platforms.get(outcome.ref)! : null);
        }
        done[next++] = undefined;
      } else if (queued < chunks.length) {
        // Rather than wait, the main thread takes a chunk itself, then lets the workers' replies in.
        const mine = queued++;
        done[mine] = outcomesOf(chunks[mine], platforms);
        await new Promise<void>((r) => setImmediate(r));
      } else await new Promise<void>((r) => (wake = r));
    }
  } finally {
    closing = true;
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return check.finish();

  /** A product whose platform no thread had resolved: resolved now, in the main thread's store. */
  async function outcomeHere(file: string): Promise<ProductOutcome> {
    const ref = productOutcome(readText(file), file, () => null).ref!;
    platforms.set(ref, await store.platform(ref));
    return outcomesOf([file], platforms)[0]!;
  }
}

// The encoded tree kept in the database (TreeCache), so that a restarted server, or another
// instance on the same database, serves it without evaluating the whole organisation again
// (seconds at 25,000 products). One row; valid while its fingerprint is the current one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip, gzip, constants } from "node:zlib";
import type { Db } from "./db";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const ROW = "tree";

/**
 * The code that produced a stored tree: another build may evaluate or encode differently, so its
 * rows are not served. `next start` runs in the project directory; outside a build (scripts,
 * tests) there is no id and rows are shared among unbuilt runs only.
 */
const buildId = (() => {
  try {
    return readFileSync(join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "unbuilt";
  }
})();

/** What a stored tree must carry to be served: this build and the database's change fingerprint. */
export const storedTreeFingerprint = (dataFingerprint: string) => `${buildId}|${dataFingerprint}`;

/**
 * The stored tree JSON when it was computed at `fingerprint`, else null. A row that cannot be
 * read (database down, table not migrated, corrupt bytes) is a miss: the caller evaluates.
 */
export async function readStoredTree(db: Db, fingerprint: string): Promise<string | null> {
  try {
    const row = await db.treeCache.findFirst({ where: { key: ROW, fingerprint }, select: { json: true } });
    return row ? (await gunzipAsync(row.json)).toString("utf8") : null;
  } catch (error) {
    console.warn(`tree cache: stored tree not read (${(error as Error).message})`);
    return null;
  }
}

/**
 * Stores the tree computed at `fingerprint` for every instance and the next start; last writer
 * wins (a row from an older fingerprint only costs its reader one evaluation). Never throws: the
 * request that computed the tree has its answer whether or not it could be kept.
 */
export async function storeTree(db: Db, fingerprint: string, json: string): Promise<void> {
  try {
    // Level 1: a fifth of the JSON's size at a few milliseconds per megabyte, off the event loop.
    const bytes = new Uint8Array(await gzipAsync(json, { level: constants.Z_BEST_SPEED }));
    const data = { fingerprint, json: bytes, createdAt: new Date() };
    await db.treeCache.upsert({ where: { key: ROW }, create: { key: ROW, ...data }, update: data });
  } catch (error) {
    console.warn(`tree cache: tree not stored (${(error as Error).message})`);
  }
}

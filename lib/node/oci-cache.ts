import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DigestCache } from "../oci/source";

/**
 * A `DigestCache` on disk: `DIR/sha256/<hex>.yaml`. Entries are keyed by manifest digest, so they are
 * written once and never invalidated; writes go through a temp file + rename so readers never see half a file.
 */
export function fileDigestCache(dir: string): DigestCache {
  const pathOf = (digest: string) => {
    const [algorithm, hex] = digest.split(":");
    if (algorithm !== "sha256" || !/^[a-f0-9]{64}$/.test(hex ?? "")) throw new Error(`Not a sha256 digest: ${digest}`);
    return join(dir, algorithm, `${hex}.yaml`);
  };
  return {
    async get(digest) {
      try {
        return await readFile(pathOf(digest), "utf8");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw e;
      }
    },
    async set(digest, text) {
      const file = pathOf(digest);
      await mkdir(join(dir, "sha256"), { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, text, "utf8");
      await rename(tmp, file);
    },
  };
}

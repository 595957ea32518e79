import { parseOciRef } from "../refs";
import type { OciClient } from "./client";
import { isOciError } from "./errors";

/** Where pulled YAML is kept, keyed by OCI manifest digest (content-addressed, so entries never go stale). */
export interface DigestCache {
  get(digest: string): Promise<string | undefined> | string | undefined;
  set(digest: string, text: string): Promise<void> | void;
}

export function memoryDigestCache(): DigestCache {
  const entries = new Map<string, string>();
  return { get: (d) => entries.get(d), set: (d, t) => void entries.set(d, t) };
}

/**
 * A `ManifestSource` (lib/resolve/store.ts) backed by a registry: `oci://HOST/PATH:TAG` is pulled as
 * `PATH:TAG` from the client's registry (HOST is the logical name written in manifests). Tags are
 * re-resolved on every call because mutable tags move; content is fetched once per digest.
 * Returns null when the tag or digest does not exist, so the resolver reports REF_UNRESOLVED.
 */
export function ociManifestSource(
  client: OciClient,
  options: { cache?: DigestCache } = {},
): (ref: string) => Promise<{ text: string; file: string } | null> {
  const cache = options.cache ?? memoryDigestCache();
  return async (ref) => {
    const parsed = parseOciRef(ref);
    if (!parsed) return null;
    try {
      const digest = parsed.digest ?? (await client.resolveDigest(parsed.repository, parsed.tag!));
      const cached = await cache.get(digest);
      if (cached !== undefined) return { text: cached, file: ref };
      const { yaml } = await client.pullManifestYaml({ repository: parsed.repository, reference: digest });
      await cache.set(digest, yaml);
      return { text: yaml, file: ref };
    } catch (e) {
      if (isOciError(e, "TAG_NOT_FOUND") || isOciError(e, "MANIFEST_NOT_FOUND")) return null;
      throw e;
    }
  };
}

// Is every published version in the registry, with the content the database has?
import "server-only";
import { isOciError } from "../../lib/oci";
import type { Db } from "../db/client";
import { registryClient, registryConfig, repositoryFor, type RegistryConfig } from "./config";

/**
 * in-sync: the tag holds exactly the published YAML; missing: no such tag; drifted: the tag holds
 * other content (someone pushed around the console, or the registry was reset and refilled).
 */
export type VersionRegistryState = "in-sync" | "missing" | "drifted";

export interface VersionRegistryStatus {
  name: string;
  version: string;
  ref: string;
  repository: string;
  state: VersionRegistryState;
  /** What the console recorded at push time, and what the tag points at now. */
  recordedDigest: string | null;
  registryDigest: string | null;
}

export type RegistryStatus =
  | { configured: false }
  | { configured: true; url: string; reachable: false; error: string }
  | {
      configured: true;
      url: string;
      reachable: true;
      versions: VersionRegistryStatus[];
      /** Tags in the registry the console never published, per repository. */
      unknownTags: { repository: string; tags: string[] }[];
      counts: Record<VersionRegistryState, number>;
    };

export async function registryStatus(db: Db, config: RegistryConfig | null = registryConfig()): Promise<RegistryStatus> {
  if (!config) return { configured: false };
  const client = registryClient(config);
  const versions = await db.manifestVersion.findMany({
    orderBy: [{ manifest: { name: "asc" } }, { seq: "asc" }],
    include: { manifest: { select: { name: true, org: { select: { registryPrefix: true } } } } },
  });
  const out: VersionRegistryStatus[] = [];
  const tagsByRepository = new Map<string, Set<string>>();
  try {
    for (const v of versions) {
      const repository = repositoryFor(config, v.manifest.org.registryPrefix, v.manifest.name);
      if (!tagsByRepository.has(repository)) tagsByRepository.set(repository, new Set(await client.listTags(repository)));
      tagsByRepository.get(repository)!.delete(v.version);
      const base = { name: v.manifest.name, version: v.version, ref: v.ref, repository, recordedDigest: v.registryDigest };
      let current: string;
      try {
        current = await client.resolveDigest(repository, v.version);
      } catch (e) {
        if (!isOciError(e, "TAG_NOT_FOUND")) throw e;
        out.push({ ...base, state: "missing", registryDigest: null });
        continue;
      }
      // A recorded digest was verified when pushed; otherwise compare the layer with the published YAML's digest.
      const same = current === v.registryDigest || (await client.pullManifestYaml({ repository, reference: current })).layerDigest === v.digest;
      out.push({ ...base, state: same ? "in-sync" : "drifted", registryDigest: current });
    }
  } catch (e) {
    if (isOciError(e)) return { configured: true, url: config.url, reachable: false, error: e.message };
    throw e;
  }
  const counts = { "in-sync": 0, missing: 0, drifted: 0 };
  for (const v of out) counts[v.state]++;
  const unknownTags = [...tagsByRepository].filter(([, tags]) => tags.size).map(([repository, tags]) => ({ repository, tags: [...tags].sort() }));
  return { configured: true, url: config.url, reachable: true, versions: out, unknownTags, counts };
}

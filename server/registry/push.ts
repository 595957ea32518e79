// Publishing pushes the new version to the configured registry after the database commit.
// Best effort: the database is the source of truth, so a failed push is recorded (audit event,
// no registryDigest) and shows as "missing" in registryStatus, never rolled back.
import { maskSecretsInYaml } from "../../lib/manifest/secrets";
import { appendAudit, SYSTEM_ACTOR } from "../audit/append";
import type { Db } from "../db/client";
import { registryClient, registryConfig, repositoryFor, type RegistryConfig } from "./config";

export type PushOutcome =
  | { status: "disabled" }
  | { status: "pushed" | "unchanged"; digest: string }
  | { status: "failed"; code: string; message: string };

export async function pushPublishedVersion(db: Db, versionId: string, config: RegistryConfig | null = registryConfig()): Promise<PushOutcome> {
  if (!config) return { status: "disabled" };
  const version = await db.manifestVersion.findUniqueOrThrow({
    where: { id: versionId },
    include: { manifest: { select: { name: true, org: { select: { registryPrefix: true } } } } },
  });
  const repository = repositoryFor(config, version.manifest.org.registryPrefix, version.manifest.name);
  let outcome: PushOutcome;
  try {
    const pushed = await registryClient(config).pushManifestYaml({ repository, tag: version.version, yaml: maskSecretsInYaml(version.yaml), created: version.publishedAt });
    outcome = { status: pushed.unchanged ? "unchanged" : "pushed", digest: pushed.digest };
    await db.manifestVersion.update({ where: { id: versionId }, data: { registryDigest: pushed.digest, registryPushedAt: new Date() } });
  } catch (e) {
    outcome = { status: "failed", code: (e as { code?: string }).code ?? "ERROR", message: (e as Error).message };
  }
  await db.$transaction((tx) =>
    appendAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: outcome.status === "failed" ? "registry.push.failed" : "registry.push",
      entityType: "ManifestVersion",
      entityId: versionId,
      afterDigest: version.digest,
      data: { ref: version.ref, registry: config.url, repository, ...outcome },
    }),
  );
  return outcome;
}

/** Pushes every version the registry has not acknowledged yet (after an import, an outage, or enabling the registry). */
export async function pushUnpushedVersions(db: Db, config: RegistryConfig | null = registryConfig()): Promise<{ ref: string; outcome: PushOutcome }[]> {
  if (!config) return [];
  const versions = await db.manifestVersion.findMany({ where: { registryDigest: null }, orderBy: [{ manifestId: "asc" }, { seq: "asc" }], select: { id: true, ref: true } });
  const results: { ref: string; outcome: PushOutcome }[] = [];
  for (const v of versions) results.push({ ref: v.ref, outcome: await pushPublishedVersion(db, v.id, config) });
  return results;
}

// Commits pushed by others: fetched on a schedule and on the webhook, compared with what the console
// published, validated with the lib/ rules. Nothing fetched changes the console: an incoming change
// takes effect only when someone adopts it into a draft and publishes it through the console.
import { join } from "node:path";
import { agreement, refOfRegistryPath } from "../../lib/gitops/agreement";
import { maskSecretsInYaml } from "../../lib/manifest/secrets";
import { checkOrganisation } from "../../lib/org/check";
import { ManifestStore } from "../../lib/resolve/store";
import type { Violation } from "../../lib/violations";
import type { Db } from "../db/client";
import { registryConfig } from "../registry/config";
import { gitConfig, remoteStateId, type GitConfig } from "./config";
import { readBlobs } from "./git";
import { recordRemote } from "./sync";
import { fetchBranch, openClone, serialised } from "./worktree";

/** Fetches the remote; a remote that is down is recorded (and shown), never thrown. */
export function fetchRemote(db: Db, c: GitConfig | null = gitConfig()): Promise<{ ok: boolean; head: string | null; error?: string }> {
  if (!c) return Promise.resolve({ ok: false, head: null, error: "git sync is not configured" });
  return serialised(async () => {
    try {
      const head = await fetchBranch(await openClone(c), c);
      await recordRemote(db, c, { headSha: head, fetchedAt: new Date(), fetchError: null });
      return { ok: true, head };
    } catch (e) {
      const error = (e as Error).message.slice(0, 1000);
      await recordRemote(db, c, { fetchError: error });
      return { ok: false, head: null, error };
    }
  });
}

/** The last fetched tree under the configured folder, by path relative to it. */
async function fetchedTree(c: GitConfig): Promise<Map<string, string>> {
  return serialised(async () => {
    const git = await openClone(c);
    const ref = `refs/remotes/origin/${c.branch}`;
    if ((await git(["rev-parse", "-q", "--verify", ref], { allowFail: true })).code !== 0) return new Map();
    const listing = (await git(["ls-tree", "-r", "-z", "--full-tree", ref, "--", c.path || "."])).stdout;
    const prefix = c.path ? `${c.path}/` : "";
    const entries: [string, string][] = [];
    for (const line of listing.split("\0")) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(line);
      if (m && m[2].startsWith(prefix)) {
        const path = m[2].slice(prefix.length);
        if (path.startsWith("registry/") || /^products\/.+\/floe\.yaml$/.test(path)) entries.push([path, m[1]]);
      }
    }
    const blobs = await readBlobs(join(c.workdir, "repo"), c, [...new Set(entries.map(([, id]) => id))]);
    return new Map(entries.map(([path, id]) => [path, blobs.get(id) ?? ""]));
  });
}

/** The git tree checked as `mesh check` checks a directory: violations by file. */
async function violationsOf(files: Map<string, string>): Promise<Map<string, Violation[]>> {
  const byRef = new Map<string, string>();
  for (const path of files.keys()) {
    const ref = refOfRegistryPath(path);
    if (ref) byRef.set(ref, path);
  }
  const store = new ManifestStore((ref) => {
    const path = byRef.get(ref);
    return path === undefined ? null : { text: files.get(path)!, file: path };
  });
  const products = [...files].filter(([p]) => p.startsWith("products/")).map(([file, text]) => ({ file, text }));
  const result = await checkOrganisation([...byRef.keys()], products, store);
  const out = new Map<string, Violation[]>();
  for (const v of result.violations) out.set(v.file, [...(out.get(v.file) ?? []), v]);
  return out;
}

export async function gitStatus(db: Db, c: GitConfig | null = gitConfig()) {
  if (!c) return { configured: false as const };
  const [remote, outbox, versions, products, files] = await Promise.all([
    db.gitRemoteState.findUnique({ where: { id: remoteStateId(c) } }),
    db.gitOutbox.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, select: { versionId: true, attempts: true, lastError: true, nextAttemptAt: true } }),
    db.manifestVersion.findMany({ orderBy: [{ manifest: { name: "asc" } }, { seq: "asc" }], select: { id: true, version: true, ref: true, yaml: true, registryDigest: true, manifest: { select: { name: true } } } }),
    db.product.findMany({ where: { status: "approved" }, select: { name: true, floeYaml: true, domain: { select: { name: true } } } }),
    fetchedTree(c).catch(() => new Map<string, string>()),
  ]);
  const pending = new Set(outbox.map((o) => o.versionId));
  const masked = new Map([...files].map(([p, t]) => [p, maskSecretsInYaml(t)]));
  const result = agreement({
    gitFiles: masked,
    versions: versions.map((v) => ({ name: v.manifest.name, version: v.version, ref: v.ref, yaml: maskSecretsInYaml(v.yaml), registryDigest: v.registryDigest, pendingPush: pending.has(v.id) })),
    products: products.map((p) => ({ domain: p.domain.name, name: p.name, floeYaml: maskSecretsInYaml(p.floeYaml) })),
    registryConfigured: registryConfig() !== null,
    violationsByPath: await violationsOf(files),
  });
  return {
    configured: true as const,
    remote: c.remote,
    branch: c.branch,
    path: c.path,
    head: remote?.headSha ?? null,
    fetchedAt: remote?.fetchedAt?.toISOString() ?? null,
    /** The remote's last failure (fetch or push); null when the last contact worked. */
    remoteError: remote?.fetchError ?? null,
    outbox: { pending: outbox.length, nextAttemptAt: outbox[0]?.nextAttemptAt.toISOString() ?? null, lastError: outbox[0]?.lastError ?? null },
    ...result,
  };
}

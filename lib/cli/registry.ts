import { join, resolve as resolvePath } from "node:path";
import { createOciClient, isOciError, ociManifestSource, type OciClient, type OciError } from "../oci";
import { fileDigestCache } from "../node/oci-cache";
import { directorySource, isDirectory } from "../node/org-dir";
import type { ManifestSource } from "../resolve/store";
import { UsageError } from "./io";

/** Options shared by every command that talks to a registry. */
export const REGISTRY_OPTIONS = {
  registry: { type: "string" },
  username: { type: "string" },
  password: { type: "string" },
} as const;

export const isRegistryUrl = (registry: string) => /^https?:\/\//.test(registry);

/** Credentials from the flags, else from the same env variables the console uses (keeps passwords out of `ps`). */
export function registryClient(values: { registry?: string; username?: string; password?: string }): OciClient {
  if (!values.registry || !isRegistryUrl(values.registry)) throw new UsageError(`--registry must be an http(s):// registry URL, got ${values.registry ?? "nothing"}`);
  return createOciClient({
    baseUrl: values.registry,
    username: values.username ?? process.env.MESH_REGISTRY_USERNAME,
    password: values.password ?? process.env.MESH_REGISTRY_PASSWORD,
  });
}

/** Pulled manifests are cached by digest: `$XDG_CACHE_HOME/mesh/oci`, else `.mesh-cache` in the working directory. */
export function cacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg ? join(xdg, "mesh", "oci") : resolvePath(".mesh-cache");
}

/** `--registry` as a source of manifests: a real registry (http/https URL) or a directory laid out like one. */
export function manifestSourceFor(values: { registry?: string; username?: string; password?: string }): ManifestSource {
  const registry = values.registry!;
  if (isRegistryUrl(registry)) return ociManifestSource(registryClient(values), { cache: fileDigestCache(cacheDir()) });
  if (!isDirectory(registry)) throw new UsageError(`registry directory ${registry} does not exist`);
  return directorySource(resolvePath(registry));
}

/** Content refusals (immutable tag, missing tag, bad artifact) are exit 1; transport and auth failures are exit 2. */
export function isRefusal(e: unknown): e is OciError {
  return isOciError(e) && ["TAG_IMMUTABLE", "TAG_NOT_FOUND", "MANIFEST_NOT_FOUND", "INVALID_ARTIFACT", "DIGEST_MISMATCH", "BLOB_NOT_FOUND"].includes(e.code);
}

// The OCI registry the console publishes to, from the environment. Unset MESH_REGISTRY_URL = no registry:
// versions live in the database only and the registry status page says so.
import { createOciClient, type OciClient } from "../../lib/oci";

export interface RegistryConfig {
  url: string;
  username?: string;
  password?: string;
  /** Repository prefix in the registry; defaults to the organisation's prefix so `oci://HOST/PREFIX/NAME:TAG` pulls as PREFIX/NAME:TAG. */
  prefix?: string;
}

export function registryConfig(env: NodeJS.ProcessEnv = process.env): RegistryConfig | null {
  const url = env.MESH_REGISTRY_URL?.trim();
  if (!url) return null;
  return { url, username: env.MESH_REGISTRY_USERNAME || undefined, password: env.MESH_REGISTRY_PASSWORD || undefined, prefix: env.MESH_REGISTRY_PREFIX?.replace(/^\/+|\/+$/g, "") || undefined };
}

export const registryClient = (config: RegistryConfig): OciClient => createOciClient({ baseUrl: config.url, username: config.username, password: config.password });

export const repositoryFor = (config: RegistryConfig, orgPrefix: string, name: string) => `${config.prefix ?? orgPrefix}/${name}`;

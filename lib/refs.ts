/**
 * `oci://HOST[:PORT]/PATH:TAG` (or `@sha256:…`) references, as floe writes them in
 * `parent_manifest` and `platform.manifest`.
 */
export interface OciRef {
  host: string;
  repository: string;
  /** A tag such as `1.4.0`, or null when the reference pins a digest. */
  tag: string | null;
  digest: string | null;
}

const OCI_REF = /^oci:\/\/([a-zA-Z0-9][a-zA-Z0-9.-]*(?::[0-9]+)?)\/([a-z0-9._/-]+?)(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

export function parseOciRef(ref: string): OciRef | null {
  const m = OCI_REF.exec(ref.trim());
  if (!m || (!m[3] && !m[4])) return null;
  return { host: m[1], repository: m[2], tag: m[3] ?? null, digest: m[4] ?? null };
}

export function formatOciRef(r: OciRef): string {
  return `oci://${r.host}/${r.repository}${r.tag ? `:${r.tag}` : ""}${r.digest ? `@${r.digest}` : ""}`;
}

/** Where a directory registry keeps a reference: `DIR/HOST/PATH/TAG.yaml`. */
export function refToRelativePath(ref: OciRef): string {
  return `${ref.host}/${ref.repository}/${ref.tag ?? ref.digest!.replace(":", "-")}.yaml`;
}

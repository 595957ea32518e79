/**
 * `oci://HOST[:PORT]/PATH:TAG` (or `@sha256:…`) references, as floe writes them in
 * `parent_manifest` and `platform.manifest`. The one parser every reader of a reference goes through.
 *
 * Strict by design, because a reference becomes a file path (`DIR/HOST/PATH/TAG.yaml`) and a
 * registry URL: the repository follows the OCI distribution spec's grammar (lowercase components
 * joined by single `/`, separators `.`, `_`, `__`, `-` only between alphanumerics), so `.`, `..`,
 * empty segments, leading or trailing slashes, backslashes and percent-encodings never parse.
 */
export interface OciRef {
  host: string;
  repository: string;
  /** A tag such as `1.4.0`, or null when the reference pins a digest. */
  tag: string | null;
  digest: string | null;
}

const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOST = `${LABEL}(?:\\.${LABEL})*(?::[0-9]{1,5})?`;
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REPOSITORY = `${COMPONENT}(?:/${COMPONENT})*`;
const TAG = "[A-Za-z0-9_][A-Za-z0-9._-]{0,127}";
const OCI_REF = new RegExp(`^oci://(${HOST})/(${REPOSITORY})(?::(${TAG}))?(?:@(sha256:[a-f0-9]{64}))?$`);

/** Longest reference accepted (the spec caps repository names at 255 characters). */
const MAX_REF_LENGTH = 512;

export function parseOciRef(ref: string): OciRef | null {
  if (typeof ref !== "string" || ref.length > MAX_REF_LENGTH) return null;
  const m = OCI_REF.exec(ref.trim());
  if (!m || (!m[3] && !m[4]) || m[2].length > 255) return null;
  // A tag made only of dots would name the directory itself or its parent as a file.
  if (m[3] && /^\.+$/.test(m[3])) return null;
  return { host: m[1], repository: m[2], tag: m[3] ?? null, digest: m[4] ?? null };
}

export function formatOciRef(r: OciRef): string {
  return `oci://${r.host}/${r.repository}${r.tag ? `:${r.tag}` : ""}${r.digest ? `@${r.digest}` : ""}`;
}

/**
 * The reference a registry-directory file stands for: `HOST/PATH/TAG.yaml` (`/`-separated, relative
 * to the directory) → `oci://HOST/PATH:TAG`. Not checked: callers parse it (parseOciRef) before use.
 */
export function relativePathToRef(path: string): string {
  const segments = path.split("/");
  const tag = segments.at(-1)!.replace(/\.ya?ml$/, "");
  return formatOciRef({ host: segments[0], repository: segments.slice(1, -1).join("/"), tag, digest: null });
}

/** Where a directory registry keeps a reference: `DIR/HOST/PATH/TAG.yaml` (only for parsed references). */
export function refToRelativePath(ref: OciRef): string {
  return `${ref.host}/${ref.repository}/${ref.tag ?? ref.digest!.replace(":", "-")}.yaml`;
}

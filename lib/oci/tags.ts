/**
 * floe's tag rules (floe_core/oci): semver tags and digests are immutable once pushed;
 * `latest*`, `dev*`, `snapshot*` may move. Other tags are treated as mutable too.
 */
const IMMUTABLE_SEMVER = /^v?\d+\.\d+\.\d+(-[a-zA-Z0-9.]+)?(\+[a-zA-Z0-9.]+)?$/;

export function isImmutableTag(tag: string): boolean {
  return IMMUTABLE_SEMVER.test(tag);
}

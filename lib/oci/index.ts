export { createOciClient, type OciClient, type OciClientOptions, type PullResult, type PushResult, type PushYamlInput } from "./client";
export { OciError, isOciError, type OciErrorCode } from "./errors";
export { isImmutableTag } from "./tags";
export { sha256Digest } from "./digest";
export {
  buildArtifactManifest,
  describeFloeYaml,
  parseArtifactManifest,
  EMPTY_CONFIG,
  FLOE_MANIFEST_MEDIA_TYPE,
  FLOE_PRODUCT_MEDIA_TYPE,
  OCI_IMAGE_MANIFEST,
  type FloeArtifactInfo,
  type ManifestScope,
  type OciImageManifest,
} from "./artifact";
export { ociManifestSource, memoryDigestCache, type DigestCache } from "./source";

export { createOciClient, type OciClient } from "./client";
export { OciError, isOciError, type OciErrorCode } from "./errors";
export { sha256Digest } from "./digest";
export { ociManifestSource } from "./source";

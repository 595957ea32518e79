import { parse as parseYaml } from "yaml";
import { YAML11 } from "../yaml/yaml11";
import { OciError, type OciErrorContext } from "./errors";
import { DIGEST_PATTERN } from "./digest";

export const OCI_IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const FLOE_MANIFEST_MEDIA_TYPE = "application/vnd.floe.manifest.v1+yaml";
export const FLOE_PRODUCT_MEDIA_TYPE = "application/vnd.floe.product.v1+yaml";

/** The OCI "empty" config blob `{}`: artifacts without a runtime config point at it (image-spec 1.1). */
export const EMPTY_CONFIG = {
  mediaType: "application/vnd.oci.empty.v1+json",
  digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
  size: 2,
} as const;
export const EMPTY_CONFIG_BYTES = new TextEncoder().encode("{}");

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface OciImageManifest {
  schemaVersion: 2;
  mediaType: typeof OCI_IMAGE_MANIFEST;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export type ManifestScope = "enterprise" | "domain" | "platform";

/** What the artifact annotations say about the YAML inside. */
export type FloeArtifactInfo =
  | { kind: "manifest"; name: string; version: string; scope: ManifestScope; description?: string }
  | { kind: "product"; name: string; version: string; description?: string };

const MEDIA_TYPE_BY_KIND = { manifest: FLOE_MANIFEST_MEDIA_TYPE, product: FLOE_PRODUCT_MEDIA_TYPE } as const;
const TITLE_BY_KIND = { manifest: "manifest.yaml", product: "floe.yaml" } as const;

/**
 * Reads name/version/scope from a floe manifest or floe.yaml. Scope-less manifests are the
 * two-tier "platform" manifest (floe: `scope: null`).
 */
export function describeFloeYaml(yaml: string): FloeArtifactInfo | null {
  let doc: unknown;
  try {
    doc = parseYaml(yaml, YAML11);
  } catch {
    return null;
  }
  const d = doc as { kind?: unknown; scope?: unknown; metadata?: { name?: unknown; version?: unknown; description?: unknown } };
  const name = d?.metadata?.name;
  const version = d?.metadata?.version;
  if (typeof name !== "string" || typeof version !== "string") return null;
  const description = typeof d.metadata?.description === "string" ? d.metadata.description : undefined;
  if (d.kind === "FloeSpec") return { kind: "product", name, version, description };
  if (d.kind !== "Manifest") return null;
  const scope = d.scope === "enterprise" || d.scope === "domain" ? d.scope : "platform";
  return { kind: "manifest", name, version, scope, description };
}

export interface BuildArtifactInput {
  info: FloeArtifactInfo;
  /** Digest and size of the YAML layer blob. */
  layer: { digest: string; size: number };
  created: Date;
  /** Caller annotations; cannot override the floe ones. */
  extra?: Record<string, string>;
}

export function buildArtifactManifest({ info, layer, created, extra }: BuildArtifactInput): OciImageManifest {
  const mediaType = MEDIA_TYPE_BY_KIND[info.kind];
  const annotations: Record<string, string> = {
    ...extra,
    "org.opencontainers.image.created": created.toISOString(),
    "org.opencontainers.image.title": info.name,
    "org.opencontainers.image.version": info.version,
  };
  if (info.description) annotations["org.opencontainers.image.description"] = info.description;
  if (info.kind === "manifest") {
    annotations["io.floe.manifest.name"] = info.name;
    annotations["io.floe.manifest.version"] = info.version;
    annotations["io.floe.manifest.scope"] = info.scope;
    annotations["io.floe.manifest.digest"] = layer.digest;
  } else {
    annotations["io.floe.product.name"] = info.name;
    annotations["io.floe.product.version"] = info.version;
  }
  return {
    schemaVersion: 2,
    mediaType: OCI_IMAGE_MANIFEST,
    artifactType: mediaType,
    config: { ...EMPTY_CONFIG },
    layers: [{ mediaType, digest: layer.digest, size: layer.size, annotations: { "org.opencontainers.image.title": TITLE_BY_KIND[info.kind] } }],
    annotations,
  };
}

/** Validates a pulled manifest as a floe artifact and returns its YAML layer. */
export function parseArtifactManifest(bytes: Uint8Array, context: OciErrorContext): { manifest: OciImageManifest; layer: Descriptor } {
  const invalid = (why: string) =>
    new OciError("INVALID_ARTIFACT", `${context.repository}:${context.reference} on ${context.registry} is not a floe artifact: ${why}.`, context);
  let manifest: OciImageManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as OciImageManifest;
  } catch {
    throw invalid("the manifest is not JSON");
  }
  if (manifest?.schemaVersion !== 2 || !Array.isArray(manifest.layers)) throw invalid("not an OCI image manifest (schemaVersion 2)");
  const layer = manifest.layers.find((l) => l.mediaType === FLOE_MANIFEST_MEDIA_TYPE || l.mediaType === FLOE_PRODUCT_MEDIA_TYPE);
  if (!layer) throw invalid(`no layer of type ${FLOE_MANIFEST_MEDIA_TYPE} or ${FLOE_PRODUCT_MEDIA_TYPE}`);
  if (typeof layer.digest !== "string" || !DIGEST_PATTERN.test(layer.digest)) throw invalid(`layer digest ${String(layer.digest)} is not a sha256 digest`);
  return { manifest, layer };
}

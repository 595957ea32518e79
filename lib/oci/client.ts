import {
  buildArtifactManifest,
  describeFloeYaml,
  EMPTY_CONFIG,
  EMPTY_CONFIG_BYTES,
  OCI_IMAGE_MANIFEST,
  parseArtifactManifest,
  type FloeArtifactInfo,
} from "./artifact";
import { parseChallenge, RegistryAuth } from "./auth";
import { isDigest, sha256Digest } from "./digest";
import { describeTarget, OciError, type OciErrorContext } from "./errors";
import { registryErrorText, send, type HttpRequest, type HttpResponse } from "./http";
import { isImmutableTag } from "./tags";

export interface OciClientOptions {
  /** e.g. `http://127.0.0.1:5055` or `https://registry.acme.example`. */
  baseUrl: string;
  username?: string;
  password?: string;
  token?: string;
  /** Deadline per HTTP request (default 15 s). */
  timeoutMs?: number;
}

export interface PushYamlInput {
  repository: string;
  tag: string;
  yaml: string;
  /** Name/version/scope for the annotations; read from the YAML when omitted. */
  info?: FloeArtifactInfo;
  /** Extra manifest annotations (the floe/OCI ones always win). */
  annotations?: Record<string, string>;
  created?: Date;
}

export interface PushResult {
  /** Digest of the OCI manifest now tagged `tag`. */
  digest: string;
  /** sha256 of the YAML bytes (the layer blob). */
  layerDigest: string;
  /** Size of the YAML layer in bytes. */
  size: number;
  /** True when an immutable tag already held this exact content and nothing was pushed. */
  unchanged: boolean;
}

export interface PullResult {
  yaml: string;
  digest: string;
  layerDigest: string;
  artifactType: string | undefined;
  annotations: Record<string, string>;
}

export interface OciClient {
  readonly baseUrl: string;
  pushManifestYaml(input: PushYamlInput): Promise<PushResult>;
  pushProductYaml(input: PushYamlInput): Promise<PushResult>;
  /** `reference` is a tag or a `sha256:` digest. */
  pullManifestYaml(input: { repository: string; reference: string }): Promise<PullResult>;
  listTags(repository: string): Promise<string[]>;
  resolveDigest(repository: string, tag: string): Promise<string>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export function createOciClient(options: OciClientOptions): OciClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth = new RegistryAuth(options, timeoutMs);

  const ctx = (repository?: string, reference?: string): OciErrorContext => ({ registry: baseUrl, repository, reference });
  const scopeOf = (repository: string, push: boolean) => `repository:${repository}:${push ? "pull,push" : "pull"}`;

  /** One request with the auth dance: send, and on 401 answer the challenge and retry once. */
  async function call(req: HttpRequest, scope: string, context: OciErrorContext): Promise<HttpResponse> {
    const withAuth = (): HttpRequest => {
      const authorization = auth.headerFor(scope);
      return authorization ? { ...req, headers: { ...req.headers, authorization } } : req;
    };
    let res = await send(withAuth(), timeoutMs, context);
    if (res.status === 401 && (await auth.answer(res.headers.get("www-authenticate"), scope, context))) {
      res = await send(withAuth(), timeoutMs, context);
    }
    return res;
  }

  /** Turns an unexpected status into a typed error; `notFound` names what a 404 means here. */
  function failure(res: HttpResponse, context: OciErrorContext, action: string, notFound?: () => OciError): OciError {
    const where = describeTarget(context);
    const c = { ...context, status: res.status };
    // Token registries answer a valid identity lacking rights with 401 + error="insufficient_scope".
    const insufficientScope = res.status === 401 && parseChallenge(res.headers.get("www-authenticate"))?.params.error === "insufficient_scope";
    if (res.status === 403 || insufficientScope) {
      return new OciError("DENIED", `Access denied: ${action} ${where} (HTTP ${res.status}, ${registryErrorText(res)}). Ask a registry admin for ${action} rights on ${context.repository}.`, c);
    }
    if (res.status === 401) {
      const hint = options.username || options.token ? "Check the username/password or token" : "This registry needs credentials; configure a username/password or token";
      return new OciError("UNAUTHORIZED", `Registry refused to authenticate ${action} ${where} (HTTP 401). ${hint}.`, c);
    }
    if (res.status === 404 && notFound) return notFound();
    return new OciError("PROTOCOL", `Unexpected answer while ${action} ${where}: ${registryErrorText(res)}.`, c);
  }

  const tagOrManifestNotFound = (context: OciErrorContext) => () =>
    context.reference && !isDigest(context.reference)
      ? new OciError("TAG_NOT_FOUND", `Tag ${context.reference} not found in ${context.repository} on ${context.registry}. Publish it first or pick an existing tag (listTags).`, { ...context, status: 404 })
      : new OciError("MANIFEST_NOT_FOUND", `Manifest ${context.reference} not found in ${context.repository} on ${context.registry}. The digest may have been deleted; re-resolve the tag.`, { ...context, status: 404 });

  async function hasBlob(repository: string, digest: string): Promise<boolean> {
    const context = ctx(repository, digest);
    const res = await call({ method: "HEAD", url: `${baseUrl}/v2/${repository}/blobs/${digest}` }, scopeOf(repository, true), context);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw failure(res, context, "checking blob in");
  }

  /** Monolithic upload (POST then PUT ?digest=), skipped when the registry already has the blob. */
  async function ensureBlob(repository: string, bytes: Uint8Array, digest: string): Promise<void> {
    if (await hasBlob(repository, digest)) return;
    const context = ctx(repository, digest);
    const scope = scopeOf(repository, true);
    const started = await call({ method: "POST", url: `${baseUrl}/v2/${repository}/blobs/uploads/` }, scope, context);
    const location = started.headers.get("location");
    if (started.status !== 202 || !location) throw failure(started, context, "uploading to");
    const url = new URL(location, `${baseUrl}/`);
    url.searchParams.set("digest", digest);
    const done = await call(
      { method: "PUT", url: url.toString(), headers: { "content-type": "application/octet-stream" }, body: bytes },
      scope,
      context,
    );
    if (done.status !== 201) throw failure(done, context, "uploading to");
  }

  /** GET a manifest and check its bytes against the digest asked for (or the one the registry claims). */
  async function getManifest(repository: string, reference: string, scope = scopeOf(repository, false)): Promise<{ bytes: Uint8Array; digest: string }> {
    const context = ctx(repository, reference);
    const res = await call(
      { method: "GET", url: `${baseUrl}/v2/${repository}/manifests/${reference}`, headers: { accept: OCI_IMAGE_MANIFEST } },
      scope,
      context,
    );
    if (res.status !== 200) throw failure(res, context, "pulling", tagOrManifestNotFound(context));
    const digest = await sha256Digest(res.body);
    const expected = isDigest(reference) ? reference : res.headers.get("docker-content-digest");
    if (expected && expected !== digest) {
      throw new OciError(
        "DIGEST_MISMATCH",
        `Manifest for ${describeTarget(context)} hashes to ${digest}, expected ${expected}. The registry content is corrupt or was tampered with; do not use it.`,
        context,
      );
    }
    return { bytes: res.body, digest };
  }

  async function getBlob(repository: string, digest: string, context: OciErrorContext): Promise<Uint8Array> {
    const res = await call({ method: "GET", url: `${baseUrl}/v2/${repository}/blobs/${digest}` }, scopeOf(repository, false), context);
    const notFound = () =>
      new OciError("BLOB_NOT_FOUND", `Blob ${digest} referenced by ${describeTarget(context)} is missing from the registry. Re-publish the artifact.`, { ...context, status: 404 });
    if (res.status !== 200) throw failure(res, context, "pulling", notFound);
    const actual = await sha256Digest(res.body);
    if (actual !== digest) {
      throw new OciError(
        "DIGEST_MISMATCH",
        `Layer of ${describeTarget(context)} hashes to ${actual}, expected ${digest}. The registry content is corrupt or was tampered with; do not use it.`,
        context,
      );
    }
    return res.body;
  }

  /** Enforces floe's rule that a semver tag never changes content; returns the existing push when identical. */
  async function checkImmutableTag(repository: string, tag: string, layerDigest: string, size: number): Promise<PushResult | null> {
    if (!isImmutableTag(tag)) return null;
    let existing: { bytes: Uint8Array; digest: string };
    try {
      existing = await getManifest(repository, tag, scopeOf(repository, true)); // part of the push: one token
    } catch (e) {
      if (e instanceof OciError && e.code === "TAG_NOT_FOUND") return null;
      throw e;
    }
    const context = ctx(repository, tag);
    let existingLayer: string | undefined;
    try {
      existingLayer = parseArtifactManifest(existing.bytes, context).layer.digest;
    } catch {
      existingLayer = undefined;
    }
    if (existingLayer === layerDigest) return { digest: existing.digest, layerDigest, size, unchanged: true };
    throw new OciError(
      "TAG_IMMUTABLE",
      `${describeTarget(context)} already exists with different content (${existingLayer ?? existing.digest}). Semver tags are immutable: bump the version and publish a new tag.`,
      context,
    );
  }

  async function pushYaml(kind: FloeArtifactInfo["kind"], input: PushYamlInput): Promise<PushResult> {
    const { repository, tag } = input;
    const context = ctx(repository, tag);
    const info = input.info ?? describeFloeYaml(input.yaml);
    if (!info || info.kind !== kind) {
      throw new OciError(
        "INVALID_ARTIFACT",
        `Cannot publish ${describeTarget(context)}: the YAML is not a floe ${kind === "manifest" ? "Manifest" : "FloeSpec"} with metadata.name and metadata.version.`,
        context,
      );
    }
    const bytes = new TextEncoder().encode(input.yaml);
    const layerDigest = await sha256Digest(bytes);
    const existing = await checkImmutableTag(repository, tag, layerDigest, bytes.length);
    if (existing) return existing;

    await ensureBlob(repository, EMPTY_CONFIG_BYTES, EMPTY_CONFIG.digest);
    await ensureBlob(repository, bytes, layerDigest);
    const manifest = buildArtifactManifest({
      info,
      layer: { digest: layerDigest, size: bytes.length },
      created: input.created ?? new Date(),
      extra: input.annotations,
    });
    const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
    const digest = await sha256Digest(manifestBytes);
    const res = await call(
      {
        method: "PUT",
        url: `${baseUrl}/v2/${repository}/manifests/${tag}`,
        headers: { "content-type": OCI_IMAGE_MANIFEST },
        body: manifestBytes,
      },
      scopeOf(repository, true),
      context,
    );
    if (res.status !== 201) throw failure(res, context, "pushing to");
    return { digest, layerDigest, size: bytes.length, unchanged: false };
  }

  return {
    baseUrl,
    pushManifestYaml: (input) => pushYaml("manifest", input),
    pushProductYaml: (input) => pushYaml("product", input),

    async pullManifestYaml({ repository, reference }) {
      const context = ctx(repository, reference);
      const { bytes, digest } = await getManifest(repository, reference);
      const { manifest, layer } = parseArtifactManifest(bytes, context);
      const yaml = new TextDecoder().decode(await getBlob(repository, layer.digest, context));
      return { yaml, digest, layerDigest: layer.digest, artifactType: manifest.artifactType, annotations: manifest.annotations ?? {} };
    },

    async listTags(repository) {
      const context = ctx(repository);
      const tags: string[] = [];
      let url: string | null = `${baseUrl}/v2/${repository}/tags/list`;
      while (url) {
        const res = await call({ method: "GET", url }, scopeOf(repository, false), context);
        if (res.status === 404) return []; // repository never pushed: it simply has no tags
        if (res.status !== 200) throw failure(res, context, "listing tags of");
        const body = JSON.parse(new TextDecoder().decode(res.body)) as { tags?: string[] | null };
        tags.push(...(body.tags ?? []));
        url = nextPage(res.headers.get("link"), baseUrl);
      }
      return tags;
    },

    async resolveDigest(repository, tag) {
      const context = ctx(repository, tag);
      const res = await call(
        { method: "HEAD", url: `${baseUrl}/v2/${repository}/manifests/${tag}`, headers: { accept: OCI_IMAGE_MANIFEST } },
        scopeOf(repository, false),
        context,
      );
      if (res.status !== 200) throw failure(res, context, "resolving", tagOrManifestNotFound(context));
      return res.headers.get("docker-content-digest") ?? (await getManifest(repository, tag)).digest;
    },
  };
}

/** Follows RFC 5988 `Link: </v2/…?last=x>; rel="next"` pagination of tag lists. */
function nextPage(link: string | null, baseUrl: string): string | null {
  const m = link && /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  return m ? new URL(m[1], `${baseUrl}/`).toString() : null;
}

/** Every way talking to an OCI registry can fail, as a stable code callers can branch on. */
export type OciErrorCode =
  | "TAG_NOT_FOUND"
  | "MANIFEST_NOT_FOUND"
  | "BLOB_NOT_FOUND"
  | "UNAUTHORIZED"
  | "DENIED"
  | "TIMEOUT"
  | "UNREACHABLE"
  | "DIGEST_MISMATCH"
  | "TAG_IMMUTABLE"
  | "INVALID_ARTIFACT"
  | "PROTOCOL";

/** Where a failure happened: always the registry, plus repository/reference when known. */
export interface OciErrorContext {
  registry: string;
  repository?: string;
  reference?: string;
  status?: number;
}

export class OciError extends Error {
  readonly code: OciErrorCode;
  readonly registry: string;
  readonly repository?: string;
  readonly reference?: string;
  readonly status?: number;

  constructor(code: OciErrorCode, message: string, context: OciErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OciError";
    this.code = code;
    this.registry = context.registry;
    this.repository = context.repository;
    this.reference = context.reference;
    this.status = context.status;
  }
}

export function isOciError(e: unknown, code?: OciErrorCode): e is OciError {
  return e instanceof OciError && (code === undefined || e.code === code);
}

/** `floe/sales:1.0.0 on http://host:5000`, for messages. */
export function describeTarget(c: OciErrorContext): string {
  if (!c.repository) return c.registry;
  const ref = c.reference ? (c.reference.startsWith("sha256:") ? `@${c.reference}` : `:${c.reference}`) : "";
  return `${c.repository}${ref} on ${c.registry}`;
}

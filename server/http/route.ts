// The one wrapper every API route handler goes through: who is calling, same-origin check for
// mutations (CSRF), body size cap, zod-parsed input, the response checked against the route's
// response schema (lib/contract/responses.ts), and typed errors mapped to JSON with a code.
// Nothing thrown inside a handler reaches the client as a stack trace.
import "server-only";
import { z } from "zod";
import { ForbiddenError, UnauthenticatedError, type Actor } from "../../lib/auth/permissions";
import { lookupActor } from "../auth/actor";
import { getDb } from "../db/client";
import type { Db } from "../services/db";
import { ServiceError } from "../services/errors";

export const MAX_BODY_BYTES = 256 * 1024;

type Params = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<Params> };

/** A route's answer that is not JSON (an archive, raw YAML, a pre-serialised body): the handler returns a Response. */
interface RawResponse {
  contentType: string;
  description: string;
  /** The body's shape when it is JSON, for the OpenAPI document (not checked per response: it is pre-serialised). */
  schema?: z.ZodType;
}

/** What a route answers: a 200 schema, a 201 schema (the handler returns `created(value)`), both, or a raw Response. */
type Answer =
  | { response: z.ZodType; created?: z.ZodType; raw?: never }
  | { response?: z.ZodType; created: z.ZodType; raw?: never }
  | { response?: never; created?: never; /** The handler returns a Response of this kind instead of JSON. */ raw: RawResponse };

type Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = Answer & {
  /** Default true: signed-out callers get 401 before the handler runs. */
  auth?: boolean;
  body?: B;
  query?: Q;
  /** One line for the OpenAPI document. */
  summary: string;
};

/** What a route declares about itself: read by the wrapper on every response and by the OpenAPI document. */
export interface RouteContract {
  auth: boolean;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  responses: { 200?: z.ZodType; 201?: z.ZodType };
  raw?: RawResponse;
}

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface HandlerContext<B, Q> {
  req: Request;
  db: Db;
  actor: Actor | null;
  body: B;
  query: Q;
  params: Params;
}

export class HttpError extends ServiceError {}

export const errorResponse = (status: number, code: string, message: string, details?: unknown, extra: Record<string, unknown> = {}) =>
  Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) }, ...extra }, { status });

/** A handler's 201 answer, checked against the route's `created` schema. */
export class Created {
  constructor(readonly body: unknown) {}
}
export const created = (body: unknown) => new Created(body);

/**
 * Answers are checked against their schema in development and tests: one that the schema does not
 * describe is a 500 RESPONSE_CONTRACT there (so the drift fails the test that met it). Production
 * sends what the handler made without checking: the suites have exercised every route by then,
 * services (not this check) decide what a caller may see, and the check's cost (zod compiles
 * each schema on first use, then ~25 ms per 1 MB answer) stays off the serving path.
 */
const checkContract = () => process.env.NODE_ENV !== "production";

function contractViolation(req: Request, problem: string): Response {
  const where = `${req.method} ${new URL(req.url).pathname}`;
  console.error(`response contract: ${where}: ${problem}`);
  return errorResponse(500, "RESPONSE_CONTRACT", `${where} answered what its response schema does not describe: ${problem}`);
}

/** The handler's result as JSON, checked against the route's schema for its status. */
function respond(req: Request, contract: RouteContract, result: unknown): Response {
  if (result instanceof Response) {
    if (contract.raw || result.status === 304) return result;
    return contractViolation(req, "a raw Response from a route that declares no `raw` answer");
  }
  const status = result instanceof Created ? 201 : 200;
  const text = JSON.stringify(result instanceof Created ? result.body : result) ?? "null";
  if (!checkContract()) return new Response(text, { status, headers: { "content-type": "application/json" } });
  const schema = contract.responses[status];
  if (!schema) return contractViolation(req, `no schema for status ${status}`);
  const check = schema.safeParse(JSON.parse(text));
  if (!check.success) return contractViolation(req, z.prettifyError(check.error));
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Mutations must come from our own pages: the browser's Origin header has to name this host. */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  if (!origin) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Reads at most `limit` bytes of a request body, counted while it streams in (a chunked body has no
 * Content-Length to trust): the first chunk past the limit cancels the upload and answers 413.
 */
export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, "PAYLOAD_TOO_LARGE", `request body over ${limit} bytes`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // A client that goes away mid-body (a navigation, a closed tab) is not a server error.
    const { done, value } = await reader.read().catch(() => {
      throw new HttpError(400, "BODY_ABORTED", "the request body was cut off before it ended");
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

const readBody = async (req: Request) => Buffer.from(await readBodyBytes(req, MAX_BODY_BYTES)).toString("utf8");

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, "BAD_REQUEST", `invalid ${where}: ${z.prettifyError(result.error)}`, result.error.issues);
  return result.data;
}

async function parseJsonBody(req: Request): Promise<unknown> {
  const text = await readBody(req);
  if (!(req.headers.get("content-type") ?? "").includes("application/json")) throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", "send application/json");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "BAD_JSON", "request body is not valid JSON");
  }
}

/** Maps anything thrown to a JSON error; unknown errors are logged server-side and answered 500. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ServiceError) return errorResponse(error.status, error.code, error.message, error.details, error.extra);
  if (error instanceof UnauthenticatedError) return errorResponse(401, error.code, error.message);
  if (error instanceof ForbiddenError) return errorResponse(403, error.code, error.message, { action: error.action });
  if (error instanceof z.ZodError) return errorResponse(400, "BAD_REQUEST", z.prettifyError(error), error.issues);
  const prismaCode = (error as { code?: unknown })?.code;
  if (prismaCode === "P2002") return errorResponse(409, "CONFLICT", "changed concurrently by someone else; reload and retry");
  if (prismaCode === "P2025") return errorResponse(404, "NOT_FOUND", "not found");
  console.error("unhandled API error", error);
  return errorResponse(500, "INTERNAL", "internal error");
}

export type RouteHandler = ((req: Request, context?: RouteContext) => Promise<Response>) & { contract: RouteContract };

export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: Options<B, Q>,
  handler: (ctx: HandlerContext<Parsed<B>, Parsed<Q>>) => Promise<unknown>,
): RouteHandler {
  const contract: RouteContract = {
    auth: options.auth !== false,
    summary: options.summary,
    body: options.body,
    query: options.query,
    responses: { 200: options.response, 201: options.created },
    raw: options.raw,
  };
  const run = async (req: Request, context?: RouteContext): Promise<Response> => {
    let setCookies: string[] = [];
    let response: Response;
    try {
      if (!SAFE_METHODS.has(req.method) && !sameOrigin(req)) throw new HttpError(403, "CSRF", "cross-origin request refused (Origin must match the host)");
      const lookup = options.auth === false ? { actor: null, setCookies } : await lookupActor(req.headers);
      const actor = lookup.actor;
      setCookies = lookup.setCookies;
      if (options.auth !== false && !actor) throw new UnauthenticatedError();
      const body = (options.body ? parseWith(options.body, await parseJsonBody(req), "body") : undefined) as Parsed<B>;
      const query = (options.query ? parseWith(options.query, Object.fromEntries(new URL(req.url).searchParams), "query") : undefined) as Parsed<Q>;
      const params = (await context?.params) ?? {};
      response = respond(req, contract, await handler({ req, db: getDb(), actor, body, query, params }));
    } catch (error) {
      response = toErrorResponse(error);
    }
    // A renewed session cookie cache travels back with the answer, so the next request skips the database too.
    for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
    return response;
  };
  return Object.assign(run, { contract });
}

/** A path parameter as one string (404 for a missing one). */
export function param(params: Params, key: string): string {
  const value = params[key];
  if (typeof value !== "string" || !value) throw new HttpError(404, "NOT_FOUND", `missing ${key}`);
  return value;
}

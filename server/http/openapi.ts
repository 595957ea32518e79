// The OpenAPI 3.1 document of the console's HTTP API, generated (zod-openapi) from the same zod
// schemas the route wrapper parses requests and checks responses with: it cannot describe an API
// other than the one that runs. Served at /api/openapi.json.
import "server-only";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import * as C from "../../lib/contract/responses";
import { API_ROUTES } from "./api-routes";
import type { RouteContract } from "./route";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Shapes many routes share become components (`#/components/schemas/NAME`), so clients get one type each. */
const COMPONENTS = {
  Violation: C.Violation,
  Provenance: C.Provenance,
  ChainLink: C.ChainLink,
  Resolution: C.Resolution,
  ImpactEntry: C.ImpactEntry,
  Impact: C.Impact,
  ErrorBody: C.ErrorBody,
  ProductSummary: C.ProductSummary,
  RequestItem: C.RequestItem,
  VersionInfo: C.VersionInfo,
};

const json = (schema: z.ZodType) => ({ "application/json": { schema } });
const errors = { description: "An error: 4xx for the caller's mistake or refusal, 5xx for the server's", content: json(C.ErrorBody) };

function operation(path: string, method: string, contract: RouteContract): ZodOpenApiOperationObject {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const responses: ZodOpenApiOperationObject["responses"] = { default: errors };
  if (contract.responses[200]) responses["200"] = { description: "OK", content: json(contract.responses[200]) };
  if (contract.responses[201]) responses["201"] = { description: "Created", content: json(contract.responses[201]) };
  if (contract.raw) responses["200"] = { description: contract.raw.description, content: { [contract.raw.contentType]: { schema: contract.raw.schema ?? z.string() } } };
  return {
    operationId: `${method.toLowerCase()}${path.replace(/^\/api/, "").replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: contract.summary,
    security: contract.auth ? [{ session: [] }] : [],
    requestParams: {
      ...(names.length ? { path: z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) } : {}),
      ...(contract.query ? { query: contract.query as z.ZodObject } : {}),
    },
    ...(contract.body ? { requestBody: { required: true, content: json(contract.body) } } : {}),
    responses,
  };
}

/** better-auth's endpoints (app/api/auth/[...all]) are not ours to describe in full: the two a script needs. */
const AUTH_PATHS: ZodOpenApiPathsObject = {
  "/api/auth/sign-in/email": {
    post: {
      operationId: "signInEmail",
      summary: "Sign in with e-mail and password; the answer sets the session cookie (send Origin: the console's own)",
      security: [],
      requestBody: { required: true, content: json(z.strictObject({ email: z.string(), password: z.string() })) },
      responses: { "200": { description: "Signed in: Set-Cookie carries the session" }, default: errors },
    },
  },
  "/api/auth/sign-out": {
    post: { operationId: "signOut", summary: "End the session", responses: { "200": { description: "Signed out" }, default: errors } },
  },
};

export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = { ...AUTH_PATHS };
  for (const [path, module] of Object.entries(API_ROUTES).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const method of METHODS) {
      const handler = module[method];
      if (handler) paths[path] = { ...paths[path], [method.toLowerCase()]: operation(path, method, handler.contract) };
    }
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Mesh Console API",
      version: "1",
      description:
        "The console's HTTP API. Sign in with POST /api/auth/sign-in/email and send the session cookie back; mutations must carry an Origin header naming the console. Every error answers {error: {code, message}}.",
    },
    components: { schemas: COMPONENTS, securitySchemes: { session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" } } },
    paths,
  });
}

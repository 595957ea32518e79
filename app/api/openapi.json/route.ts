// GET /api/openapi.json: the OpenAPI 3.1 document of this API, for people who script against the console.
import { z } from "zod";
import { route } from "../../../server/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Built on first request (it reads every route's contract, this one's included: hence the lazy import).
let document: Promise<unknown> | undefined;

export const GET = route(
  { summary: "This document: the API as OpenAPI 3.1", auth: false, response: z.looseObject({ openapi: z.literal("3.1.0"), paths: z.record(z.string(), z.unknown()) }) },
  async () => (document ??= import("../../../server/http/openapi").then((m) => m.openApiDocument())),
);

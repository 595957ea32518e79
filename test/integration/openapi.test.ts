// /api/openapi.json: a valid OpenAPI 3.1 document that covers every route file under app/api, each
// handler with a declared contract; a new route without one fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "../../server/http/api-routes";
import { openApiDocument } from "../../server/http/openapi";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** `app/api/manifests/[name]/route.ts` → `/api/manifests/{name}`; catch-alls (`[...all]`) → `/api/auth/*`. */
function routeFiles(dir = "app/api"): { path: string; file: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = join(dir, e.name);
    if (e.isDirectory()) return routeFiles(file);
    if (e.name !== "route.ts") return [];
    const url = `/${relative("app", dir).split(sep).join("/")}`;
    return [{ path: url.replace(/\[\.\.\.\w+\]/, "*").replace(/\[(\w+)\]/g, "{$1}"), file }];
  });
}
const routePaths = () => routeFiles().map((f) => f.path);

describe("the OpenAPI document", () => {
  const document = openApiDocument() as unknown as { openapi: string; paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>> };

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(document)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every route file under app/api, and each handler declares its contract", () => {
    const files = routePaths();
    expect(files.length).toBeGreaterThan(20);
    for (const path of files) {
      if (path.endsWith("*")) {
        expect(Object.keys(document.paths).some((p) => p.startsWith(path.slice(0, -1))), path).toBe(true);
        continue;
      }
      const routeModule = API_ROUTES[path];
      expect(routeModule, `${path}: add it to server/http/api-routes.ts`).toBeDefined();
      const handlers = METHODS.filter((m) => routeModule[m]);
      expect(handlers.length, path).toBeGreaterThan(0);
      for (const method of handlers) {
        const { contract } = routeModule[method]!;
        expect(contract?.summary, `${method} ${path}: declare it with route({ summary, response, ... })`).toBeTruthy();
        const described = contract.responses[200] ?? contract.responses[201] ?? contract.raw;
        expect(described, `${method} ${path} has no response schema`).toBeDefined();
        const operation = document.paths[path]?.[method.toLowerCase()];
        expect(operation?.summary, `${method} ${path} in the document`).toBe(contract.summary);
        expect(Object.keys(operation.responses).some((s) => s.startsWith("2")), `${method} ${path}`).toBe(true);
      }
    }
    expect(Object.keys(API_ROUTES).sort()).toEqual(files.filter((f) => !f.endsWith("*")).sort());
  });

  it("says 201 exactly for the handlers that answer created(...), with that answer's schema", () => {
    const sources = routeFiles();
    expect(sources.length).toBeGreaterThan(20);
    for (const { path, file } of sources) {
      const source = readFileSync(file, "utf8");
      for (const method of METHODS) {
        const handler = API_ROUTES[path]?.[method];
        if (!handler) continue;
        // The handler's own text: from its `export const METHOD =` to the next export (route files are small).
        const text = source.slice(source.indexOf(`export const ${method} =`)).split(/\nexport /)[0];
        const creates = /\bcreated\(/.test(text);
        const operation = document.paths[path][method.toLowerCase()];
        expect(Boolean(handler.contract.responses[201]), `${method} ${path}: created(...) needs route({ created: Schema })`).toBe(creates);
        expect("201" in operation.responses, `${method} ${path} in the document`).toBe(creates);
      }
    }
  });

  it("is what GET /api/openapi.json answers, to anyone", async () => {
    const res = await API_ROUTES["/api/openapi.json"].GET!(new Request("http://console.test/api/openapi.json"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

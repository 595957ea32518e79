import { OciError, type OciErrorContext } from "./errors";

/** A fully read HTTP response: registry payloads are small, and reading inside the timer makes the timeout cover the body. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  url: string;
}

export interface HttpRequest {
  method: "GET" | "HEAD" | "PUT" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/** Sends one request with a hard deadline; network failures become UNREACHABLE, deadline overruns TIMEOUT. */
export async function send(req: HttpRequest, timeoutMs: number, context: OciErrorContext): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body as BodyInit | undefined,
      signal: controller.signal,
      redirect: "follow",
    });
    const body = req.method === "HEAD" ? new Uint8Array() : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body, url: req.url };
  } catch (e) {
    if (controller.signal.aborted) {
      throw new OciError(
        "TIMEOUT",
        `${req.method} ${req.url} did not answer within ${timeoutMs} ms (${context.registry}). Check that the registry is healthy or raise timeoutMs.`,
        context,
        { cause: e },
      );
    }
    throw new OciError(
      "UNREACHABLE",
      `Cannot reach registry ${context.registry} (${req.method} ${req.url}): ${networkReason(e)}. Check the registry URL and that it is running.`,
      context,
      { cause: e },
    );
  } finally {
    clearTimeout(timer);
  }
}

function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/** The registry's own explanation from an `{"errors":[{code,message}]}` body, if any. */
export function registryErrorText(res: HttpResponse): string {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(res.body)) as { errors?: { code?: string; message?: string }[] };
    const first = parsed.errors?.[0];
    if (first) return `${first.code ?? "ERROR"}: ${first.message ?? ""}`.trim();
  } catch {
    // not JSON: fall back to the status line
  }
  return `HTTP ${res.status}`;
}

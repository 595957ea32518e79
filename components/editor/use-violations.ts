"use client";

import { useEffect, useMemo, useState } from "react";
import { api } from "@/lib/client/api";
import { parseManifest, parseProduct } from "@/lib/manifest/parse";
import type { Violation } from "@/lib/violations";

export type DocKind = "manifest" | "product";

const key = (v: Violation) => `${v.code}:${v.line}:${v.column}:${v.message}`;

/**
 * Problems of the text being edited: lib's own rules run in the browser on every change
 * (pure, instant), the in-context rules (whitelist, bounds, parent chain) come from
 * `POST /api/validate` once typing pauses. Server findings only count for the text they were made for.
 */
export function useLiveViolations(kind: DocKind, text: string, name?: string, file = "draft.yaml") {
  const local = useMemo(() => (kind === "manifest" ? parseManifest(text, file) : parseProduct(text, file)).violations, [kind, text, file]);
  const [server, setServer] = useState<{ text: string; violations: Violation[] } | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    // Nothing to add when the text does not even parse.
    if (local.some((v) => v.code === "YAML_SYNTAX")) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setChecking(true);
      api
        .validate(kind, text, name, abort.signal)
        .then((r) => setServer({ text, violations: r.violations }))
        .catch(() => {}) // offline or signed out: the local findings still show
        .finally(() => setChecking(false));
    }, 400);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [kind, text, name, local]);

  const violations = useMemo(() => {
    const all = new Map(local.map((v) => [key(v), v]));
    if (server?.text === text) for (const v of server.violations) if (!all.has(key(v))) all.set(key(v), { ...v, file });
    return [...all.values()].sort((a, b) => a.line - b.line || a.column - b.column);
  }, [local, server, text, file]);

  return { violations, checking };
}

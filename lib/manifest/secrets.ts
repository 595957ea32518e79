import type { PathSegment } from "../yaml/positions";
import type { Manifest } from "./schema/manifest";

/** Config keys whose values are credentials. */
const SECRET_KEY = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|client[_-]?secret)$/i;
/** Values that are credentials whatever their key: JWTs, PEM keys, provider key prefixes. */
const SECRET_VALUE = /^(eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.|-----BEGIN [A-Z ]*PRIVATE KEY-----|sk-[A-Za-z0-9]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[baprs]-)/;
/** References to a secret (env var templates, secret-store URIs) are fine. */
const REFERENCE = /^(\$\{[^}]+\}|\{\{\s*env_var\([^)]*\)\s*\}\}|(env|vault|k8s|secret|infisical):\/\/?\S+)$/;

export interface SecretFinding {
  path: PathSegment[];
  message: string;
}

function scan(value: unknown, path: PathSegment[], out: SecretFinding[]) {
  if (Array.isArray(value)) value.forEach((v, i) => scan(v, [...path, i], out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string" && v.length > 0 && !REFERENCE.test(v.trim()) && (SECRET_KEY.test(k) || SECRET_VALUE.test(v.trim()))) {
        out.push({
          path: [...path, k],
          message: `${[...path, k].join(".")} holds a plaintext secret; store it in a secret and reference it with the plugin's connection_secret_ref (or an env/secret reference) instead`,
        });
      } else scan(v, [...path, k], out);
    }
}

/** Plaintext credentials in plugin `config` blocks, which floe itself does not stop. */
export function findPlaintextSecrets(m: Manifest): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const [category, plugin] of Object.entries(m.plugins ?? {})) {
    const config = (plugin as { config?: unknown } | undefined)?.config;
    if (config) scan(config, ["plugins", category, "config"], out);
  }
  return out;
}

/** The masked form shown wherever a secret-looking value must be displayed. */
export function maskSecret(value: string): string {
  return value.length <= 4 ? "••••" : `${value.slice(0, 2)}••••${value.slice(-2)}`;
}

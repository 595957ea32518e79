import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export const EXAMPLES = resolve(here, "../../examples");

/** ADR-0038 from ../shared when present, else the committed copy. */
export function adrText(): string {
  const shared = resolve(here, "../../../shared/spec/ADR-0038-data-mesh.md");
  return readFileSync(existsSync(shared) ? shared : resolve(here, "../fixtures/ADR-0038-data-mesh.md"), "utf8");
}

export interface AdrFile {
  block: number;
  /** The file name the ADR's comment gives the snippet (e.g. `floe.yaml`), or `snippet`. */
  name: string;
  text: string;
}

/**
 * The YAML examples of the ADR, split into files: one fenced block often shows several files,
 * each introduced by a comment line naming it (`# floe.yaml`, `# sales-domain-manifest.yaml (scope: domain)`).
 */
export function adrYamlFiles(): AdrFile[] {
  const blocks = [...adrText().matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block, i) => {
    const files: AdrFile[] = [];
    let current: AdrFile | null = null;
    for (const line of block.split("\n")) {
      const header = /^# ([\w.-]+\.yaml)\b/.exec(line) ?? (line.startsWith("# ❌") || line.startsWith("# ✅") ? null : /^# (\S+)/.exec(line)?.[1]?.endsWith(".yaml") ? /^# (\S+)/.exec(line) : null);
      if (header) {
        current = { block: i, name: header[1], text: "" };
        files.push(current);
      } else if (current) current.text += line + "\n";
      else if (line.trim()) {
        current = { block: i, name: "snippet", text: line + "\n" };
        files.push(current);
      }
    }
    return files.filter((f) => f.text.trim().length > 0);
  });
}

export function readExample(...parts: string[]): string {
  return readFileSync(join(EXAMPLES, ...parts), "utf8");
}

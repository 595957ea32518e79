import { readYamlIn, selectPluginType, writeYamlIn, type YamlPath } from "@/lib/yaml/edit";

/** Form helpers over the draft text: read a value at a path, write one back through the Document API. */
export function yamlBinding(text: string, setText: (text: string) => void) {
  return {
    get: (path: YamlPath) => readYamlIn(text, path),
    set: (path: YamlPath, value: unknown) => {
      const next = writeYamlIn(text, path, value);
      if (next !== null) setText(next);
    },
    /** A plugin type switch: the previous type's settings go with it. */
    selectPlugin: (category: string, type: string | undefined) => {
      const next = selectPluginType(text, category, type);
      if (next !== null) setText(next);
    },
  };
}

export const asString = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
export const asNumber = (v: unknown) => (typeof v === "number" ? v : undefined);
export const asStrings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

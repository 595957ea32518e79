import { jsonSchemaFor } from "../../manifest/json-schema";
import { parse, UsageError, type Command } from "../io";

export const runSchema: Command = async (args) => {
  const { positionals } = parse(args, {}, 1, "mesh schema manifest|product");
  const kind = positionals[0];
  if (kind !== "manifest" && kind !== "product") throw new UsageError(`unknown schema '${kind}'; use manifest or product`);
  process.stdout.write(JSON.stringify(jsonSchemaFor(kind), null, 2) + "\n");
  return 0;
};

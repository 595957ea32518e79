import { runCheck } from "./commands/check";
import { runGenerate } from "./commands/generate";
import { runResolve } from "./commands/resolve";
import { runSchema } from "./commands/schema";
import { runValidate } from "./commands/validate";
import { UsageError, type Command } from "./io";

const COMMANDS: Record<string, Command> = {
  validate: runValidate,
  resolve: runResolve,
  check: runCheck,
  generate: runGenerate,
  schema: runSchema,
};

const HELP = `mesh: check and resolve floe data-mesh configuration

  mesh validate FILE...                         exit 1 when any file has an error
  mesh resolve FLOE_YAML --registry DIR [--json] resolve one product against its manifests
  mesh check ORG_DIR [--json]                    resolve every product of an organisation
  mesh generate ORG_DIR --domains N --products-per-domain M [--seed S]
  mesh schema manifest|product                   print the JSON Schema

A reference oci://HOST/PATH:TAG is read from DIR/HOST/PATH/TAG.yaml.
Exit codes: 0 valid, 1 violations, 2 usage or I/O error.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP + "\n");
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`mesh: unknown command '${name}'\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (e) {
    // Bad arguments and unreadable files alike: the run could not check anything.
    process.stderr.write(`mesh ${name}: ${(e as Error).message}\n`);
    if (!(e instanceof UsageError) && process.env.MESH_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return 2;
  }
}

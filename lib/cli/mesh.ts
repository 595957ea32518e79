import { runAdmin } from "./commands/admin";
import { runCheck } from "./commands/check";
import { runGenerate } from "./commands/generate";
import { runImpact } from "./commands/impact";
import { runPull } from "./commands/pull";
import { runPush } from "./commands/push";
import { runResolve } from "./commands/resolve";
import { runSchema } from "./commands/schema";
import { runValidate } from "./commands/validate";
import { UsageError, type Command } from "./io";

const COMMANDS: Record<string, Command> = {
  validate: runValidate,
  resolve: runResolve,
  check: runCheck,
  impact: runImpact,
  generate: runGenerate,
  schema: runSchema,
  push: runPush,
  pull: runPull,
  admin: runAdmin,
};

const HELP = `mesh: check and resolve floe data-mesh configuration

  mesh validate FILE...                         exit 1 when any file has an error
  mesh resolve FLOE_YAML --registry DIR|URL [--json]  resolve one product against its manifests
  mesh check ORG_DIR [--registry DIR|URL] [--format text|json|sarif|junit]  resolve every product of an organisation
  mesh impact BASE_DIR HEAD_DIR [--format text|markdown|json]  what a change does: values before -> after, owners, what breaks
  mesh push ORG_DIR --registry URL               push ORG_DIR/registry manifests to an OCI registry
  mesh pull REF... --registry URL --out DIR      pull manifests into DIR/HOST/PATH/TAG.yaml
  mesh generate ORG_DIR --domains N --products-per-domain M [--seed S]
  mesh schema manifest|product                   print the JSON Schema
  mesh admin bootstrap --email EMAIL [--name N]  the first platform admin of a deployment (password: MESH_ADMIN_PASSWORD or stdin)
  mesh admin remove-demo-accounts                take the demo users' passwords, sessions and roles

A reference oci://HOST/PATH:TAG is read from DIR/HOST/PATH/TAG.yaml, or pulled as PATH:TAG
from an http(s):// registry (cached by digest in $XDG_CACHE_HOME/mesh/oci or ./.mesh-cache).
Registry credentials: --username/--password or MESH_REGISTRY_USERNAME/MESH_REGISTRY_PASSWORD.
check runs on one thread; MESH_CHECK_WORKERS=N adds N worker threads (the same report).
Exit codes: 0 valid, 1 violations (impact: something would break), 2 usage or I/O error.`;

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

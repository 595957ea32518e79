// The first platform admin of a real deployment (no demo users there): `mesh admin bootstrap`.
// Works only while no platform admin exists, so it cannot be used to add a second one later, and
// is audited in the same transaction. With SSO the IdP's mesh:platform-admin group does this instead.
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { appendAudit } from "../audit/append";
import type { Db } from "../db/client";
import { DEMO_PASSWORD } from "../seed/seed-users";
import { dialectOf } from "../services/db";

export const MIN_PASSWORD_LENGTH = 12;

export class BootstrapRefused extends Error {}

const Input = z.object({
  email: z.email("--email must be an email address").transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `the password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256)
    .refine((p) => p !== DEMO_PASSWORD, "that is the published demo password"),
});

// Concurrent bootstraps on PostgreSQL queue here, so only the first sees "no platform admin".
const BOOTSTRAP_LOCK_KEY = 0x6d657369;

export async function bootstrapPlatformAdmin(db: Db, input: { email: string; name?: string; password: string }): Promise<{ userId: string; email: string }> {
  const parsed = Input.safeParse({ ...input, name: input.name ?? input.email.split("@")[0] });
  if (!parsed.success) throw new BootstrapRefused(z.prettifyError(parsed.error));
  const { email, name, password } = parsed.data;
  const hash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if (dialectOf(tx) === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    const admins = await tx.roleMembership.count({ where: { role: "platform_admin" } });
    if (admins > 0) throw new BootstrapRefused("a platform admin already exists: bootstrap only creates the first one (further roles are granted by an admin or the IdP)");
    const user = await tx.user.upsert({ where: { email }, create: { email, name, emailVerified: true }, update: { name } });
    const credential = await tx.account.findFirst({ where: { userId: user.id, providerId: "credential" } });
    if (credential) await tx.account.update({ where: { id: credential.id }, data: { password: hash } });
    else await tx.account.create({ data: { userId: user.id, providerId: "credential", accountId: user.id, password: hash } });
    await tx.roleMembership.create({ data: { userId: user.id, role: "platform_admin" } });
    await appendAudit(tx, {
      actor: { userId: null, email: "mesh admin bootstrap" },
      action: "role.grant",
      entityType: "User",
      entityId: user.id,
      data: { email, role: "platform_admin", domainId: null, team: null, source: "bootstrap" },
    });
    return { userId: user.id, email };
  });
}

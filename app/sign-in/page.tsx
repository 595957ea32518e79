import { Hexagon } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { DemoBanner } from "@/components/auth/demo-banner";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/server/auth/actor";
import { getAuthSettings, NO_MESH_ROLE, OIDC_PROVIDER_ID } from "@/server/auth/auth";
import { safeNextPath } from "@/server/auth/paths";
import { DEMO_PASSWORD, DEMO_USERS } from "@/server/seed/seed-users";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  [NO_MESH_ROLE]: "Your account has no Mesh Console role. Ask your administrator to add you to a mesh:* group.",
};
const SSO_FAILED = "Single sign-on did not complete. Try again or ask your administrator.";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; error?: string | string[] }> }) {
  const params = await searchParams;
  const next = safeNextPath(first(params.next));
  const error = first(params.error);
  if (await getActor(await headers())) redirect(next);

  const settings = getAuthSettings();
  const demoAccounts = settings.demo ? DEMO_USERS.map(({ email, name, summary }) => ({ email, name, summary })) : [];

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 bg-slate-50 p-6">
      {settings.demo && (
        <div className="w-full max-w-sm">
          <DemoBanner />
        </div>
      )}
      <div className="flex w-full max-w-sm flex-col gap-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex flex-col gap-1">
          <p className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <Hexagon aria-hidden className="size-5 fill-indigo-600 text-indigo-600" />
            Mesh Console
          </p>
          <h1 className="text-lg font-semibold tracking-tight text-slate-900">Sign in</h1>
        </div>
        <SignInForm
          next={next}
          demoAccounts={demoAccounts}
          demoPassword={settings.demo ? DEMO_PASSWORD : ""}
          passwordSignIn={settings.passwordSignIn}
          sso={settings.oidc ? { providerId: OIDC_PROVIDER_ID, name: settings.oidc.name } : null}
          initialError={error ? (ERRORS[error] ?? SSO_FAILED) : null}
        />
      </div>
    </main>
  );
}

import { Hexagon } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/server/auth/actor";
import { OIDC_PROVIDER_ID } from "@/server/auth/auth";
import { readAuthSettings } from "@/server/auth/env";
import { safeNextPath } from "@/server/auth/paths";
import { DEMO_PASSWORD, DEMO_USERS } from "@/server/seed/seed-users";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  sso: "Single sign-on did not complete. Try again or ask your administrator.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next: nextParam, error } = await searchParams;
  const next = safeNextPath(nextParam);
  if (await getActor(await headers())) redirect(next);

  const settings = readAuthSettings();
  const demoAccounts = settings.showDemoAccounts ? DEMO_USERS.map(({ email, name, summary }) => ({ email, name, summary })) : [];

  return (
    <main className="flex min-h-dvh items-center justify-center bg-slate-50 p-6">
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
          demoPassword={DEMO_PASSWORD}
          sso={settings.oidc ? { providerId: OIDC_PROVIDER_ID, name: settings.oidc.name } : null}
          initialError={error ? (ERRORS[error] ?? "Sign-in failed. Try again.") : null}
        />
      </div>
    </main>
  );
}

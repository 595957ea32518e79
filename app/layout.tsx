import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/auth/demo-banner";
import { UserMenu } from "@/components/auth/user-menu";
import { InboxBell } from "@/components/notify/inbox-bell";
import { Providers } from "@/components/providers";
import { AppShell } from "@/components/shell/app-shell";
import { getDb } from "@/server/db/client";
import { getAuthSettings } from "@/server/auth/auth";
import { actorUnlessSignInPage } from "@/server/auth/require";
import { roleLabels } from "@/server/auth/role-labels";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Mesh Console", template: "%s · Mesh Console" },
  description: "Enterprise → domain → product configuration for the floe data mesh.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Signed out, only the sign-in page renders (without the console frame); others redirect.
  const actor = await actorUnlessSignInPage();
  const userMenu = actor && (
    <>
      <InboxBell />
      <UserMenu name={actor.name} email={actor.email} roles={await roleLabels(getDb(), actor.memberships)} />
    </>
  );
  return (
    <html lang="en">
      <body>
        <Providers>
          {actor ? (
            <AppShell userMenu={userMenu} banner={getAuthSettings().demo && <DemoBanner compact />}>
              {children}
            </AppShell>
          ) : (
            children
          )}
        </Providers>
      </body>
    </html>
  );
}

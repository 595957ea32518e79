import { Hexagon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { CommandMenu } from "./command-menu";
import { SideNav } from "./side-nav";

/**
 * Console frame: top bar (wordmark, ⌘K search, `userMenu` slot on the right), left nav, scrolling main area.
 * `userMenu` is where the signed-in user's menu goes; `banner` a notice beside the search (the demo's).
 */
export function AppShell({ userMenu, banner, children }: { userMenu?: ReactNode; banner?: ReactNode; children: ReactNode }) {
  return (
    <div className="grid h-dvh grid-cols-[14rem_1fr] grid-rows-[3rem_1fr]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-1.5 focus:shadow"
      >
        Skip to content
      </a>
      <header className="col-span-2 flex items-center gap-4 border-b border-slate-200 bg-white px-4">
        <Link href="/" className="flex w-48 items-center gap-2 rounded-md font-semibold tracking-tight text-slate-900">
          <Hexagon aria-hidden className="size-5 fill-indigo-600 text-indigo-600" />
          Mesh Console
        </Link>
        <CommandMenu />
        {banner}
        <div className="ml-auto flex items-center gap-2">{userMenu}</div>
      </header>
      <aside className="overflow-y-auto border-r border-slate-200 bg-white">
        <SideNav />
      </aside>
      <main id="main" className="overflow-y-auto">
        {children}
      </main>
    </div>
  );
}

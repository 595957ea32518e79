"use client";

import { Command } from "cmdk";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Kbd } from "../ui/kbd";
import { NAV_ITEMS } from "./nav-items";

/** Top-bar search button + ⌘K / Ctrl+K palette. Lists the console's pages; entity search can be added as more groups. */
export function CommandMenu() {
  const [open, setOpen] = useState(false);
  const router = useRouter();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setOpen((wasOpen) => !wasOpen);
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  function go(href: string) {
    setOpen(false);
    router.push(href);
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex h-8 w-64 items-center gap-2 rounded-md border border-slate-300 bg-white px-2.5 text-slate-500 shadow-xs hover:border-slate-400"
      >
        <Search aria-hidden className="size-4" />
        <span className="flex-1 text-left">Search…</span>
        <Kbd aria-label="Command K">⌘K</Kbd>
      </button>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Search the console"
        overlayClassName="fixed inset-0 z-40 bg-slate-900/30"
        contentClassName="fixed top-24 left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-2xl"
      >
        <Command.Input
          placeholder="Go to…"
          className="h-11 w-full border-b border-slate-200 px-4 text-sm outline-none placeholder:text-slate-400"
        />
        <Command.List className="max-h-80 overflow-y-auto p-2">
          <Command.Empty className="px-2 py-6 text-center text-slate-500">No results.</Command.Empty>
          <Command.Group heading="Pages" className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-slate-500">
            {NAV_ITEMS.map(({ href, label, icon: Icon }) => (
              <Command.Item
                key={href}
                value={label}
                onSelect={() => go(href)}
                className="flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-slate-700 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-700"
              >
                <Icon aria-hidden className="size-4" />
                {label}
              </Command.Item>
            ))}
          </Command.Group>
        </Command.List>
      </Command.Dialog>
    </>
  );
}

"use client";

import { Command } from "cmdk";
import { Building2, Layers, Package, Search, User } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { api, type SearchResult } from "@/lib/client/api";
import { Kbd } from "../ui/kbd";
import { NAV_ITEMS } from "./nav-items";

const RESULT_ICONS = { domain: Layers, product: Package, manifest: Building2, person: User } as const;

/** Domains, products, manifests and people matching `q`, fetched once typing pauses. */
function useSearch(q: string) {
  const [results, setResults] = useState<SearchResult[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) {
      setResults([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => api.search(q.trim(), abort.signal).then(setResults, () => setResults([])), 150);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q]);
  return results;
}

/** Top-bar search button + ⌘K / Ctrl+K palette: the console's pages, then matching domains, products, manifests and people. */
export function CommandMenu() {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const results = useSearch(open ? q : "");
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
          value={q}
          onValueChange={setQ}
          placeholder="Go to a page, or search domains, products, people…"
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
          {results.length > 0 && (
            <Command.Group heading="Results" className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-slate-500">
              {results.map((r) => {
                const Icon = RESULT_ICONS[r.type] ?? Search;
                return (
                  <Command.Item
                    key={`${r.type}-${r.href}`}
                    value={`${r.type} ${r.name} ${r.href}`}
                    keywords={[q, r.title ?? ""]}
                    onSelect={() => go(r.href)}
                    className="flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-slate-700 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-700"
                  >
                    <Icon aria-hidden className="size-4" />
                    <span className="shrink-0 font-medium whitespace-nowrap">{r.name}</span>
                    {r.title && <span className="truncate text-xs text-slate-500">{r.title}</span>}
                    <span className="ml-auto text-xs text-slate-400">{r.type}</span>
                  </Command.Item>
                );
              })}
            </Command.Group>
          )}
        </Command.List>
      </Command.Dialog>
    </>
  );
}

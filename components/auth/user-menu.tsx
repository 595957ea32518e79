"use client";

import { ChevronDown, LogOut, UserRound } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "./auth-client";

/** Top-bar menu of the signed-in user: who, which roles, sign out. */
export function UserMenu({ name, email, roles }: { name: string; email: string; roles: string[] }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  async function signOut() {
    await authClient.signOut();
    window.location.assign("/sign-in");
  }

  return (
    <div ref={rootRef} className="relative">
      <Button variant="ghost" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <UserRound aria-hidden />
        <span>{name}</span>
        <ChevronDown aria-hidden />
      </Button>
      {open && (
        <div
          id={panelId}
          role="region"
          aria-label="Account"
          className="absolute right-0 z-40 mt-1 flex w-64 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
        >
          <div className="flex flex-col">
            <span className="text-sm font-medium text-slate-900">{name}</span>
            <span className="text-xs text-slate-500">{email}</span>
          </div>
          <ul aria-label="Roles" className="flex flex-col gap-1 text-xs text-slate-700">
            {roles.length ? roles.map((role) => <li key={role}>{role}</li>) : <li>No roles (read-only)</li>}
          </ul>
          <Button onClick={signOut}>
            <LogOut aria-hidden />
            Sign out
          </Button>
        </div>
      )}
    </div>
  );
}

"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { useInbox } from "./api";

/** The top bar's inbox link with the number of unread notifications and exceptions about to expire. */
export function InboxBell() {
  const inbox = useInbox(true);
  const badge = inbox.data?.badge ?? 0;
  return (
    <Link href="/inbox" aria-label={badge ? `Inbox, ${badge} new` : "Inbox"} className="relative inline-flex size-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900">
      <Bell aria-hidden className="size-4" />
      {badge > 0 && (
        <span data-testid="inbox-badge" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
          {badge > 99 ? "99+" : badge}
        </span>
      )}
    </Link>
  );
}

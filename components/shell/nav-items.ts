import { ArrowDownToLine, ArrowUpFromLine, Building2, FolderTree, GitPullRequestArrow, Home, Inbox, Layers, ListPlus, Package, ScrollText, TimerOff, type LucideIcon } from "lucide-react";

export type NavItem = { href: string; label: string; icon: LucideIcon };

/** Primary navigation, shared by the side nav and the ⌘K command menu. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Home", icon: Home },
  { href: "/tree", label: "Organisation tree", icon: FolderTree },
  { href: "/enterprise", label: "Enterprise policy", icon: Building2 },
  { href: "/domains", label: "Domains", icon: Layers },
  { href: "/products", label: "Products", icon: Package },
  { href: "/changes", label: "Reviews", icon: GitPullRequestArrow },
  { href: "/whitelist", label: "Whitelist requests", icon: ListPlus },
  { href: "/exceptions", label: "Exceptions", icon: TimerOff },
  { href: "/inbox", label: "Inbox", icon: Inbox },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/import", label: "Import", icon: ArrowDownToLine },
  { href: "/export", label: "Export & registry", icon: ArrowUpFromLine },
];

/** `/domains/sales` keeps "Domains" highlighted; "/" only matches itself. */
export function isActive(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

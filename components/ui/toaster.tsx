"use client";

import { Toaster as Sonner } from "sonner";

/** Mounted once in Providers; call `toast(...)` from "sonner" anywhere. */
export function Toaster() {
  return <Sonner position="bottom-right" richColors closeButton toastOptions={{ className: "text-sm" }} />;
}

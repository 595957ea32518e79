"use client";

// Browser side of better-auth (same origin, /api/auth).
import { createAuthClient } from "better-auth/client";

export const authClient = createAuthClient({ basePath: "/api/auth" });

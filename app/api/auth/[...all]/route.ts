// better-auth's endpoints (sign-in with email or SSO, callback, session, sign-out), behind the
// client-address, lockout and cookie rules of server/auth/handler.ts.
import { toNextJsHandler } from "better-auth/next-js";
import { handleAuthRequest } from "@/server/auth/handler";

export const { GET, POST } = toNextJsHandler(handleAuthRequest);

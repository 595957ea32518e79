// Types for the plain-JS test IdP, so TypeScript specs can import its fixtures.
import type Provider from "oidc-provider";

export declare const OIDC_TEST_CLIENT: { id: string; secret: string };
export declare const OIDC_TEST_ACCOUNTS: Record<string, { email: string; name: string; groups: string[] }> & {
  "sales-lead": { email: string; name: string; groups: string[] };
  outsider: { email: string; name: string; groups: string[] };
  "finance-lead": { email: string; name: string; groups: string[] };
};
export declare const GROUPS_PATH: string;
export declare function createTestProvider(options: { port: number; appUrl: string }): Provider;

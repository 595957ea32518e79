import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native / driver modules must be required at runtime, not bundled by Turbopack.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg"],
  typedRoutes: false,
};

export default nextConfig;

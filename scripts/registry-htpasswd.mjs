#!/usr/bin/env node
// Print an htpasswd line (bcrypt, as distribution's htpasswd auth requires) without apache2-utils.
// Usage: node scripts/registry-htpasswd.mjs USER PASSWORD >> htpasswd
import bcrypt from "bcryptjs";

const [user, password] = process.argv.slice(2);
if (!user || password === undefined) {
  console.error("usage: registry-htpasswd.mjs USER PASSWORD");
  process.exit(2);
}
console.log(`${user}:${bcrypt.hashSync(password, 10)}`);

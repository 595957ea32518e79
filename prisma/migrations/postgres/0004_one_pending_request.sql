-- This is an empty migration.

-- Hand-written below this line (kept when the file is regenerated).
-- At most one pending registration request per product, whatever the application does: two
-- concurrent re-submissions cannot both commit. Duplicates left by older versions are closed
-- first (all but the newest), so the index can be built.
UPDATE "RegistrationRequest" SET "status" = 'withdrawn', "reason" = 'superseded by a later pending request (migration 0004)'
WHERE "status" = 'pending' AND EXISTS (
  SELECT 1 FROM "RegistrationRequest" AS "later"
  WHERE "later"."productId" = "RegistrationRequest"."productId" AND "later"."status" = 'pending'
    AND ("later"."createdAt" > "RegistrationRequest"."createdAt" OR ("later"."createdAt" = "RegistrationRequest"."createdAt" AND "later"."id" > "RegistrationRequest"."id"))
);
CREATE UNIQUE INDEX "RegistrationRequest_one_pending_per_product" ON "RegistrationRequest"("productId") WHERE "status" = 'pending';

-- This is an empty migration.

-- Hand-written below this line (kept when the file is regenerated).
-- One successor per event: two appenders that read the same chain head cannot both commit,
-- so the audit chain can never fork, whatever the application does.
CREATE UNIQUE INDEX "AuditEvent_prevHash_key" ON "AuditEvent"("prevHash");

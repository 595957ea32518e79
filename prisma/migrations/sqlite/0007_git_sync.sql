-- CreateTable
CREATE TABLE "GitOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "commitSha" TEXT,
    "pushedAt" DATETIME
);

-- CreateTable
CREATE TABLE "GitRemoteState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "headSha" TEXT,
    "fetchedAt" DATETIME,
    "fetchError" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "GitOutbox_versionId_key" ON "GitOutbox"("versionId");

-- CreateIndex
CREATE INDEX "GitOutbox_status_createdAt_idx" ON "GitOutbox"("status", "createdAt");

-- Hand-written below this line (kept when the file is regenerated).

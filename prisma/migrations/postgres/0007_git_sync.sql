-- CreateTable
CREATE TABLE "GitOutbox" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "commitSha" TEXT,
    "pushedAt" TIMESTAMP(3),

    CONSTRAINT "GitOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GitRemoteState" (
    "id" TEXT NOT NULL,
    "headSha" TEXT,
    "fetchedAt" TIMESTAMP(3),
    "fetchError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GitRemoteState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GitOutbox_versionId_key" ON "GitOutbox"("versionId");

-- CreateIndex
CREATE INDEX "GitOutbox_status_createdAt_idx" ON "GitOutbox"("status", "createdAt");

-- Hand-written below this line (kept when the file is regenerated).

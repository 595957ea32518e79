-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "manifestId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "draftRevision" INTEGER NOT NULL,
    "draftYaml" TEXT NOT NULL,
    "baseVersionId" TEXT,
    "impact" TEXT NOT NULL,
    "impactFingerprint" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "publishedVersionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeComment" (
    "id" TEXT NOT NULL,
    "changeRequestId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "line" INTEGER,
    "revision" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WhitelistRequest" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "plugin" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "changeRequestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhitelistRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewPolicy" (
    "orgId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewPolicy_pkey" PRIMARY KEY ("orgId","tier")
);

-- CreateIndex
CREATE INDEX "ChangeRequest_manifestId_status_idx" ON "ChangeRequest"("manifestId", "status");

-- CreateIndex
CREATE INDEX "ChangeRequest_status_idx" ON "ChangeRequest"("status");

-- CreateIndex
CREATE INDEX "ChangeComment_changeRequestId_idx" ON "ChangeComment"("changeRequestId");

-- CreateIndex
CREATE INDEX "WhitelistRequest_status_idx" ON "WhitelistRequest"("status");

-- CreateIndex
CREATE INDEX "WhitelistRequest_domainId_idx" ON "WhitelistRequest"("domainId");

-- Hand-written below this line (kept when the file is regenerated).
-- At most one open change request per manifest (open or sent back for changes): two concurrent
-- submissions cannot both commit.
CREATE UNIQUE INDEX "ChangeRequest_one_open_per_manifest" ON "ChangeRequest"("manifestId") WHERE "status" IN ('open', 'changes_requested');
-- At most one pending whitelist request per domain, category and plugin.
CREATE UNIQUE INDEX "WhitelistRequest_one_pending" ON "WhitelistRequest"("domainId", "category", "plugin") WHERE "status" = 'pending';

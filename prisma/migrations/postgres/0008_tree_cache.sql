-- CreateTable
CREATE TABLE "TreeCache" (
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "json" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TreeCache_pkey" PRIMARY KEY ("key")
);

-- Hand-written below this line (kept when the file is regenerated).

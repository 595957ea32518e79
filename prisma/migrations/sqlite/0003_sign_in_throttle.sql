-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL,
    "lockedUntil" DATETIME
);

-- CreateTable
CREATE TABLE "SsoRoleCheck" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "checkedAt" DATETIME NOT NULL
);

-- Hand-written below this line (kept when the file is regenerated).

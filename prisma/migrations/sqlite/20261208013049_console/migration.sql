-- CreateTable
CREATE TABLE "ConsoleSignIn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "address" TEXT,
    "userAgent" TEXT
);

-- CreateTable
CREATE TABLE "ConsoleAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleSignIn_tokenHash_key" ON "ConsoleSignIn"("tokenHash");

-- CreateIndex
CREATE INDEX "ConsoleSignIn_employeeId_idx" ON "ConsoleSignIn"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleSession_tokenHash_key" ON "ConsoleSession"("tokenHash");

-- CreateIndex
CREATE INDEX "ConsoleSession_employeeId_idx" ON "ConsoleSession"("employeeId");

-- CreateIndex
CREATE INDEX "ConsoleAttempt_key_at_idx" ON "ConsoleAttempt"("key", "at");


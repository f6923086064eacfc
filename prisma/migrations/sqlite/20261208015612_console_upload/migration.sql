-- CreateTable
CREATE TABLE "ConsoleUpload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "employeeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ConsoleUpload_employeeId_idx" ON "ConsoleUpload"("employeeId");

-- CreateIndex
CREATE INDEX "ConsoleUpload_createdAt_idx" ON "ConsoleUpload"("createdAt");


-- CreateTable
CREATE TABLE "ConsoleUpload" (
    "id" TEXT NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "ConsoleUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsoleUpload_employeeId_idx" ON "ConsoleUpload"("employeeId");

-- CreateIndex
CREATE INDEX "ConsoleUpload_createdAt_idx" ON "ConsoleUpload"("createdAt");


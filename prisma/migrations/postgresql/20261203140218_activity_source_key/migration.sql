-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "sourceKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Activity_sourceKey_key" ON "Activity"("sourceKey");


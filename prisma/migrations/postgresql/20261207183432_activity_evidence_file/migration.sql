-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "evidenceFileId" INTEGER;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_evidenceFileId_fkey" FOREIGN KEY ("evidenceFileId") REFERENCES "Attachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;


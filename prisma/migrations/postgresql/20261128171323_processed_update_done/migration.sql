-- AlterTable
ALTER TABLE "ProcessedUpdate" ADD COLUMN     "doneAt" TIMESTAMP(3);


-- Rows written before this migration were handled to the end
UPDATE "ProcessedUpdate" SET "doneAt" = "at";

-- AlterTable
ALTER TABLE "ProcessedUpdate" ADD COLUMN "doneAt" DATETIME;


-- Rows written before this migration were handled to the end
UPDATE "ProcessedUpdate" SET "doneAt" = "at";

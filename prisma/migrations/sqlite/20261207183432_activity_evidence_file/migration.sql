-- AlterTable: a nullable column with its foreign key, added in place (no table rebuild: a rebuild would
-- also recreate every index of Activity and hide a lost index migration from `npm run db:check`)
ALTER TABLE "Activity" ADD COLUMN "evidenceFileId" INTEGER CONSTRAINT "Activity_evidenceFileId_fkey" REFERENCES "Attachment" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

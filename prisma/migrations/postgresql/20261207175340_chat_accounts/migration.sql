-- Chat accounts in one table (ChatAccount) instead of ChatIdentity plus the vouched columns
-- Employee.telegramUserId / slackUserId, with the existing data carried over.

-- CreateTable
CREATE TABLE "ChatAccount" (
    "id" SERIAL NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "vouchedBy" TEXT NOT NULL,
    "chatId" TEXT,
    "linkedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),

    CONSTRAINT "ChatAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChatAccount_platform_externalId_key" ON "ChatAccount"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatAccount_employeeId_platform_key" ON "ChatAccount"("employeeId", "platform");

-- AddForeignKey
ALTER TABLE "ChatAccount" ADD CONSTRAINT "ChatAccount_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Linked accounts (ChatIdentity) carry over with their chat; how each was vouched comes from its latest
-- "link" audit entry (via code, email or import), else from the import columns, else it was a code.
INSERT INTO "ChatAccount" ("employeeId", "platform", "externalId", "vouchedBy", "chatId", "linkedAt", "lastSeenAt")
SELECT i."employeeId", i."platform", i."externalId",
       COALESCE(
         (SELECT CASE
                   WHEN a."detail" LIKE '%"via":"email"%' THEN 'email'
                   WHEN a."detail" LIKE '%"via":"import"%' THEN 'import'
                   WHEN a."detail" LIKE '%"via":"code"%' THEN 'code'
                 END
            FROM "AuditLog" a
           WHERE a."action" = 'link' AND a."entity" = 'employee' AND a."entityId" = CAST(i."employeeId" AS TEXT)
             AND a."actorPlatform" = i."platform" AND a."actorExternal" = i."externalId"
           ORDER BY a."id" DESC LIMIT 1),
         CASE WHEN (i."platform" = 'telegram' AND e."telegramUserId" = i."externalId")
                OR (i."platform" = 'slack' AND e."slackUserId" = i."externalId") THEN 'import' ELSE 'code' END),
       i."chatId", i."linkedAt", i."lastSeenAt"
  FROM "ChatIdentity" i JOIN "Employee" e ON e."id" = i."employeeId";

-- Accounts the import vouched for that never wrote yet: no chat until their first contact. A vouched id
-- that was not usable (its employee has another linked account on that platform, or the account is linked
-- to someone else) is not carried over; the next import writes it again where it can be used.
INSERT INTO "ChatAccount" ("employeeId", "platform", "externalId", "vouchedBy")
SELECT e."id", 'telegram', e."telegramUserId", 'import'
  FROM "Employee" e
 WHERE e."telegramUserId" IS NOT NULL
   AND e."id" = (SELECT MIN(o."id") FROM "Employee" o WHERE o."telegramUserId" = e."telegramUserId")
   AND NOT EXISTS (SELECT 1 FROM "ChatAccount" c WHERE c."platform" = 'telegram' AND (c."externalId" = e."telegramUserId" OR c."employeeId" = e."id"));

INSERT INTO "ChatAccount" ("employeeId", "platform", "externalId", "vouchedBy")
SELECT e."id", 'slack', e."slackUserId", 'import'
  FROM "Employee" e
 WHERE e."slackUserId" IS NOT NULL
   AND e."id" = (SELECT MIN(o."id") FROM "Employee" o WHERE o."slackUserId" = e."slackUserId")
   AND NOT EXISTS (SELECT 1 FROM "ChatAccount" c WHERE c."platform" = 'slack' AND (c."externalId" = e."slackUserId" OR c."employeeId" = e."id"));

-- DropForeignKey
ALTER TABLE "ChatIdentity" DROP CONSTRAINT "ChatIdentity_employeeId_fkey";

-- DropTable
DROP TABLE "ChatIdentity";

-- AlterTable
ALTER TABLE "Employee" DROP COLUMN "slackUserId",
DROP COLUMN "telegramUserId";

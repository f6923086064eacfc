-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT,
    "recipientId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "topic" TEXT,
    "replacesId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "rateLimits" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "platform" TEXT,
    "chatId" TEXT,
    "platformMessageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
INSERT INTO "new_Outbox" ("attempts", "chatId", "createdAt", "dedupeKey", "id", "kind", "lastError", "lockedBy", "lockedUntil", "nextAttemptAt", "payload", "platform", "platformMessageId", "recipientId", "replacesId", "sentAt", "status", "topic") SELECT "attempts", "chatId", "createdAt", "dedupeKey", "id", "kind", "lastError", "lockedBy", "lockedUntil", "nextAttemptAt", "payload", "platform", "platformMessageId", "recipientId", "replacesId", "sentAt", "status", "topic" FROM "Outbox";
DROP TABLE "Outbox";
ALTER TABLE "new_Outbox" RENAME TO "Outbox";
CREATE UNIQUE INDEX "Outbox_dedupeKey_key" ON "Outbox"("dedupeKey");
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");
CREATE INDEX "Outbox_recipientId_status_idx" ON "Outbox"("recipientId", "status");
CREATE INDEX "Outbox_replacesId_idx" ON "Outbox"("replacesId");
CREATE INDEX "Outbox_topic_idx" ON "Outbox"("topic");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- CreateTable
CREATE TABLE "PlaygroundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chatId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PlaygroundMessage_chatId_id_idx" ON "PlaygroundMessage"("chatId", "id");

-- CreateIndex
CREATE INDEX "PlaygroundMessage_ref_idx" ON "PlaygroundMessage"("ref");


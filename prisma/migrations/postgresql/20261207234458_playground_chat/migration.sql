-- CreateTable
CREATE TABLE "PlaygroundMessage" (
    "id" SERIAL NOT NULL,
    "chatId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlaygroundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlaygroundMessage_chatId_id_idx" ON "PlaygroundMessage"("chatId", "id");

-- CreateIndex
CREATE INDEX "PlaygroundMessage_ref_idx" ON "PlaygroundMessage"("ref");


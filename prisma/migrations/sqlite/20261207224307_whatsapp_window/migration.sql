-- AlterTable
ALTER TABLE "ChatAccount" ADD COLUMN "lastInboundAt" DATETIME;
ALTER TABLE "ChatAccount" ADD COLUMN "templateSentAt" DATETIME;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "deliveryStatus" TEXT;
ALTER TABLE "Outbox" ADD COLUMN "deliveryStatusAt" DATETIME;


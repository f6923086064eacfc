-- AlterTable
ALTER TABLE "ChatAccount" ADD COLUMN     "lastInboundAt" TIMESTAMP(3),
ADD COLUMN     "templateSentAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "deliveryStatus" TEXT,
ADD COLUMN     "deliveryStatusAt" TIMESTAMP(3);


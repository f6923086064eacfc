-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "rateLimits" INTEGER NOT NULL DEFAULT 0;


-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "tppBasic" INTEGER;

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "realisasi" INTEGER,
ADD COLUMN     "rencanaAksiId" INTEGER;

-- CreateTable
CREATE TABLE "RencanaAksi" (
    "id" SERIAL NOT NULL,
    "rhkId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "target" INTEGER NOT NULL,
    "satuan" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RencanaAksi_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RencanaAksi_rhkId_period_idx" ON "RencanaAksi"("rhkId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "RencanaAksi_rhkId_period_text_key" ON "RencanaAksi"("rhkId", "period", "text");

-- CreateIndex
CREATE INDEX "Activity_rencanaAksiId_idx" ON "Activity"("rencanaAksiId");

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_rencanaAksiId_fkey" FOREIGN KEY ("rencanaAksiId") REFERENCES "RencanaAksi"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RencanaAksi" ADD CONSTRAINT "RencanaAksi_rhkId_fkey" FOREIGN KEY ("rhkId") REFERENCES "Rhk"("id") ON DELETE CASCADE ON UPDATE CASCADE;


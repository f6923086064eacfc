-- AlterTable
ALTER TABLE "Employee" ADD COLUMN "tppBasic" INTEGER;

-- CreateTable
CREATE TABLE "RencanaAksi" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rhkId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "target" INTEGER NOT NULL,
    "satuan" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RencanaAksi_rhkId_fkey" FOREIGN KEY ("rhkId") REFERENCES "Rhk" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable: added in place (ADD COLUMN), not by copying the activity table
ALTER TABLE "Activity" ADD COLUMN "rencanaAksiId" INTEGER REFERENCES "RencanaAksi" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Activity" ADD COLUMN "realisasi" INTEGER;

-- CreateIndex
CREATE INDEX "RencanaAksi_rhkId_period_idx" ON "RencanaAksi"("rhkId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "RencanaAksi_rhkId_period_text_key" ON "RencanaAksi"("rhkId", "period", "text");


-- CreateIndex
CREATE INDEX "Activity_rencanaAksiId_idx" ON "Activity"("rencanaAksiId");

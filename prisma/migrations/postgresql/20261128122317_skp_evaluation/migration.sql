-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "rhkId" INTEGER;

-- CreateTable
CREATE TABLE "Skp" (
    "id" SERIAL NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Skp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rhk" (
    "id" SERIAL NOT NULL,
    "skpId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rhk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RhkIndicator" (
    "id" SERIAL NOT NULL,
    "rhkId" INTEGER NOT NULL,
    "aspect" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RhkIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "value" TEXT,
    "note" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" SERIAL NOT NULL,
    "employeeId" INTEGER NOT NULL,
    "raterId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "hasilKerja" TEXT,
    "perilakuKerja" TEXT,
    "predikat" TEXT,
    "notes" TEXT,
    "draft" TEXT,
    "evidence" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "ratedAt" TIMESTAMP(3),
    "ratedById" INTEGER,
    "keberatanUntil" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Keberatan" (
    "id" SERIAL NOT NULL,
    "evaluationId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "hasilBefore" TEXT NOT NULL,
    "perilakuBefore" TEXT NOT NULL,
    "predikatBefore" TEXT NOT NULL,
    "resolverId" INTEGER,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Keberatan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgPredikat" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "predikat" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgPredikat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Skp_employeeId_year_key" ON "Skp"("employeeId", "year");

-- CreateIndex
CREATE INDEX "Rhk_parentId_idx" ON "Rhk"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Rhk_skpId_code_key" ON "Rhk"("skpId", "code");

-- CreateIndex
CREATE INDEX "RhkIndicator_rhkId_idx" ON "RhkIndicator"("rhkId");

-- CreateIndex
CREATE INDEX "Feedback_employeeId_date_idx" ON "Feedback"("employeeId", "date");

-- CreateIndex
CREATE INDEX "Evaluation_raterId_status_idx" ON "Evaluation"("raterId", "status");

-- CreateIndex
CREATE INDEX "Evaluation_period_idx" ON "Evaluation"("period");

-- CreateIndex
CREATE UNIQUE INDEX "Evaluation_employeeId_period_key" ON "Evaluation"("employeeId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "Keberatan_evaluationId_key" ON "Keberatan"("evaluationId");

-- CreateIndex
CREATE UNIQUE INDEX "OrgPredikat_unitId_year_key" ON "OrgPredikat"("unitId", "year");

-- CreateIndex
CREATE INDEX "Activity_rhkId_idx" ON "Activity"("rhkId");

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_rhkId_fkey" FOREIGN KEY ("rhkId") REFERENCES "Rhk"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Skp" ADD CONSTRAINT "Skp_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rhk" ADD CONSTRAINT "Rhk_skpId_fkey" FOREIGN KEY ("skpId") REFERENCES "Skp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rhk" ADD CONSTRAINT "Rhk_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Rhk"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RhkIndicator" ADD CONSTRAINT "RhkIndicator_rhkId_fkey" FOREIGN KEY ("rhkId") REFERENCES "Rhk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "Employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Keberatan" ADD CONSTRAINT "Keberatan_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgPredikat" ADD CONSTRAINT "OrgPredikat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;


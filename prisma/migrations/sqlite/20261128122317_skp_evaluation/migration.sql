-- CreateTable
CREATE TABLE "Skp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Skp_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rhk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "skpId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Rhk_skpId_fkey" FOREIGN KEY ("skpId") REFERENCES "Skp" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rhk_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Rhk" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RhkIndicator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "rhkId" INTEGER NOT NULL,
    "aspect" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "target" REAL NOT NULL,
    "unit" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "RhkIndicator_rhkId_fkey" FOREIGN KEY ("rhkId") REFERENCES "Rhk" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "value" TEXT,
    "note" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "Feedback_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Feedback_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "ratedAt" DATETIME,
    "ratedById" INTEGER,
    "keberatanUntil" DATETIME,
    "escalatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Evaluation_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evaluation_raterId_fkey" FOREIGN KEY ("raterId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Keberatan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "evaluationId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "hasilBefore" TEXT NOT NULL,
    "perilakuBefore" TEXT NOT NULL,
    "predikatBefore" TEXT NOT NULL,
    "resolverId" INTEGER,
    "resolvedAt" DATETIME,
    CONSTRAINT "Keberatan_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrgPredikat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "predikat" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrgPredikat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "employeeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "startMinute" INTEGER,
    "endMinute" INTEGER,
    "minutes" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "evidenceKind" TEXT,
    "evidenceRef" TEXT,
    "evidenceName" TEXT,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "decidedById" INTEGER,
    "decisionNote" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "rhkId" INTEGER,
    CONSTRAINT "Activity_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Activity_rhkId_fkey" FOREIGN KEY ("rhkId") REFERENCES "Rhk" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Activity" ("createdAt", "date", "decidedAt", "decidedById", "decisionNote", "description", "employeeId", "endMinute", "evidenceKind", "evidenceName", "evidenceRef", "id", "minutes", "startMinute", "status", "submittedAt", "updatedAt", "version") SELECT "createdAt", "date", "decidedAt", "decidedById", "decisionNote", "description", "employeeId", "endMinute", "evidenceKind", "evidenceName", "evidenceRef", "id", "minutes", "startMinute", "status", "submittedAt", "updatedAt", "version" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE INDEX "Activity_employeeId_date_idx" ON "Activity"("employeeId", "date");
CREATE INDEX "Activity_rhkId_idx" ON "Activity"("rhkId");
CREATE INDEX "Activity_status_employeeId_idx" ON "Activity"("status", "employeeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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


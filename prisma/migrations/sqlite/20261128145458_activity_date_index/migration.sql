-- CreateIndex
CREATE INDEX "Activity_date_employeeId_idx" ON "Activity"("date", "employeeId");


-- Opportunities, shifts, applications, attendance, hours and certificates (issue 4). The check constraints
-- back up what the code does: a shift never holds more accepted volunteers than seats; an entry is at most a day.

CREATE TABLE "Certificates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Certificates" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "HolderId" TEXT NOT NULL,
    "HolderName" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "From" TEXT NULL,
    "To" TEXT NULL,
    "FirstDay" TEXT NOT NULL,
    "LastDay" TEXT NOT NULL,
    "TotalMinutes" INTEGER NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "Signature" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_Certificates_Accounts_HolderId" FOREIGN KEY ("HolderId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Opportunities" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Opportunities" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Directions" TEXT NOT NULL,
    "RegionKato" TEXT NOT NULL,
    "Address" TEXT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "Online" INTEGER NOT NULL,
    "MinAge" INTEGER NOT NULL,
    "AutoAccept" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "PublishedAt" TEXT NULL,
    "CancelledAt" TEXT NULL,
    "CancelReason" TEXT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    "SearchText" TEXT NOT NULL,
    "DescriptionEn" TEXT NULL,
    "DescriptionKk" TEXT NULL,
    "DescriptionRu" TEXT NULL,
    "TitleEn" TEXT NULL,
    "TitleKk" TEXT NULL,
    "TitleRu" TEXT NULL,
    CONSTRAINT "FK_Opportunities_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Opportunities_Regions_RegionKato" FOREIGN KEY ("RegionKato") REFERENCES "Regions" ("Kato") ON DELETE RESTRICT
);

CREATE TABLE "Shifts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Shifts" PRIMARY KEY,
    "OpportunityId" TEXT NOT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    "Capacity" INTEGER NOT NULL,
    "Role" TEXT NULL,
    "Taken" INTEGER NOT NULL,
    "CheckinSecret" BLOB NOT NULL,
    "RemindedAt" TEXT NULL,
    CONSTRAINT "CK_Shifts_Taken" CHECK ("Taken" >= 0 AND "Taken" <= "Capacity"),
    CONSTRAINT "FK_Shifts_Opportunities_OpportunityId" FOREIGN KEY ("OpportunityId") REFERENCES "Opportunities" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Applications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Applications" PRIMARY KEY,
    "ShiftId" TEXT NOT NULL,
    "VolunteerId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AppliedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Applications_Accounts_VolunteerId" FOREIGN KEY ("VolunteerId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Applications_Shifts_ShiftId" FOREIGN KEY ("ShiftId") REFERENCES "Shifts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Attendances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Attendances" PRIMARY KEY,
    "ShiftId" TEXT NOT NULL,
    "VolunteerId" TEXT NOT NULL,
    "CheckedInAt" TEXT NOT NULL,
    "CheckedOutAt" TEXT NULL,
    "MarkedBy" TEXT NULL,
    CONSTRAINT "FK_Attendances_Accounts_VolunteerId" FOREIGN KEY ("VolunteerId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Attendances_Shifts_ShiftId" FOREIGN KEY ("ShiftId") REFERENCES "Shifts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HoursEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_HoursEntries" PRIMARY KEY,
    "ShiftId" TEXT NOT NULL,
    "OpportunityId" TEXT NOT NULL,
    "OrganizationId" TEXT NOT NULL,
    "VolunteerId" TEXT NOT NULL,
    "DirectionCode" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    "Minutes" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ConfirmedBy" TEXT NOT NULL,
    "ConfirmedAt" TEXT NOT NULL,
    "DisputeReason" TEXT NULL,
    "DisputedAt" TEXT NULL,
    "RevokedAt" TEXT NULL,
    "RevokeReason" TEXT NULL,
    CONSTRAINT "CK_HoursEntries_Minutes" CHECK ("Minutes" > 0 AND "Minutes" <= 1440),
    CONSTRAINT "FK_HoursEntries_Accounts_VolunteerId" FOREIGN KEY ("VolunteerId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_HoursEntries_Opportunities_OpportunityId" FOREIGN KEY ("OpportunityId") REFERENCES "Opportunities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_HoursEntries_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_HoursEntries_Shifts_ShiftId" FOREIGN KEY ("ShiftId") REFERENCES "Shifts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CertificateEntries" (
    "CertificateId" TEXT NOT NULL,
    "HoursEntryId" TEXT NOT NULL,
    CONSTRAINT "PK_CertificateEntries" PRIMARY KEY ("CertificateId", "HoursEntryId"),
    CONSTRAINT "FK_CertificateEntries_Certificates_CertificateId" FOREIGN KEY ("CertificateId") REFERENCES "Certificates" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CertificateEntries_HoursEntries_HoursEntryId" FOREIGN KEY ("HoursEntryId") REFERENCES "HoursEntries" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Applications_ShiftId_Status_AppliedAt" ON "Applications" ("ShiftId", "Status", "AppliedAt");

CREATE UNIQUE INDEX "IX_Applications_ShiftId_VolunteerId" ON "Applications" ("ShiftId", "VolunteerId");

CREATE INDEX "IX_Applications_VolunteerId_Status" ON "Applications" ("VolunteerId", "Status");

CREATE UNIQUE INDEX "IX_Attendances_ShiftId_VolunteerId" ON "Attendances" ("ShiftId", "VolunteerId");

CREATE INDEX "IX_Attendances_VolunteerId" ON "Attendances" ("VolunteerId");

CREATE INDEX "IX_CertificateEntries_HoursEntryId" ON "CertificateEntries" ("HoursEntryId");

CREATE UNIQUE INDEX "IX_Certificates_Code" ON "Certificates" ("Code");

CREATE INDEX "IX_Certificates_HolderId" ON "Certificates" ("HolderId");

CREATE INDEX "IX_HoursEntries_OpportunityId" ON "HoursEntries" ("OpportunityId");

CREATE INDEX "IX_HoursEntries_OrganizationId_Date" ON "HoursEntries" ("OrganizationId", "Date");

CREATE UNIQUE INDEX "IX_HoursEntries_ShiftId_VolunteerId" ON "HoursEntries" ("ShiftId", "VolunteerId");

CREATE INDEX "IX_HoursEntries_VolunteerId_Status_Date" ON "HoursEntries" ("VolunteerId", "Status", "Date");

CREATE INDEX "IX_Opportunities_OrganizationId" ON "Opportunities" ("OrganizationId");

CREATE INDEX "IX_Opportunities_RegionKato_Status_EndsAt" ON "Opportunities" ("RegionKato", "Status", "EndsAt");

CREATE INDEX "IX_Opportunities_Status_EndsAt" ON "Opportunities" ("Status", "EndsAt");

CREATE INDEX "IX_Shifts_OpportunityId_StartsAt" ON "Shifts" ("OpportunityId", "StartsAt");

CREATE INDEX "IX_Shifts_StartsAt_RemindedAt" ON "Shifts" ("StartsAt", "RemindedAt");

-- Opportunities, shifts, applications, attendance, hours and certificates (issue 4). The check constraints
-- back up what the code does: a shift never holds more accepted volunteers than seats; an entry is at most a day.

CREATE TABLE "Certificates" (
    "Id" uuid NOT NULL,
    "Code" character varying(32) NOT NULL,
    "HolderId" uuid NOT NULL,
    "HolderName" character varying(200) NOT NULL,
    "Language" character varying(2) NOT NULL,
    "From" date,
    "To" date,
    "FirstDay" date NOT NULL,
    "LastDay" date NOT NULL,
    "TotalMinutes" integer NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    "Signature" character varying(500) NOT NULL,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_Certificates" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Certificates_Accounts_HolderId" FOREIGN KEY ("HolderId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Opportunities" (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Directions" text[] NOT NULL,
    "RegionKato" character varying(9) NOT NULL,
    "Address" character varying(300),
    "Latitude" double precision,
    "Longitude" double precision,
    "Online" boolean NOT NULL,
    "MinAge" integer NOT NULL,
    "AutoAccept" boolean NOT NULL,
    "Status" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" uuid NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "PublishedAt" timestamp with time zone,
    "CancelledAt" timestamp with time zone,
    "CancelReason" character varying(1000),
    "StartsAt" timestamp with time zone NOT NULL,
    "EndsAt" timestamp with time zone NOT NULL,
    "SearchText" character varying(20000) NOT NULL,
    "DescriptionEn" character varying(4000),
    "DescriptionKk" character varying(4000),
    "DescriptionRu" character varying(4000),
    "TitleEn" character varying(200),
    "TitleKk" character varying(200),
    "TitleRu" character varying(200),
    CONSTRAINT "PK_Opportunities" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Opportunities_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Opportunities_Regions_RegionKato" FOREIGN KEY ("RegionKato") REFERENCES "Regions" ("Kato") ON DELETE RESTRICT
);

CREATE TABLE "Shifts" (
    "Id" uuid NOT NULL,
    "OpportunityId" uuid NOT NULL,
    "StartsAt" timestamp with time zone NOT NULL,
    "EndsAt" timestamp with time zone NOT NULL,
    "Capacity" integer NOT NULL,
    "Role" character varying(200),
    "Taken" integer NOT NULL,
    "CheckinSecret" bytea NOT NULL,
    "RemindedAt" timestamp with time zone,
    CONSTRAINT "PK_Shifts" PRIMARY KEY ("Id"),
    CONSTRAINT "CK_Shifts_Taken" CHECK ("Taken" >= 0 AND "Taken" <= "Capacity"),
    CONSTRAINT "FK_Shifts_Opportunities_OpportunityId" FOREIGN KEY ("OpportunityId") REFERENCES "Opportunities" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Applications" (
    "Id" uuid NOT NULL,
    "ShiftId" uuid NOT NULL,
    "VolunteerId" uuid NOT NULL,
    "Status" character varying(16) NOT NULL,
    "AppliedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Applications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Applications_Accounts_VolunteerId" FOREIGN KEY ("VolunteerId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Applications_Shifts_ShiftId" FOREIGN KEY ("ShiftId") REFERENCES "Shifts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Attendances" (
    "Id" uuid NOT NULL,
    "ShiftId" uuid NOT NULL,
    "VolunteerId" uuid NOT NULL,
    "CheckedInAt" timestamp with time zone NOT NULL,
    "CheckedOutAt" timestamp with time zone,
    "MarkedBy" uuid,
    CONSTRAINT "PK_Attendances" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Attendances_Accounts_VolunteerId" FOREIGN KEY ("VolunteerId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Attendances_Shifts_ShiftId" FOREIGN KEY ("ShiftId") REFERENCES "Shifts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HoursEntries" (
    "Id" uuid NOT NULL,
    "ShiftId" uuid NOT NULL,
    "OpportunityId" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "VolunteerId" uuid NOT NULL,
    "DirectionCode" character varying(32) NOT NULL,
    "Date" date NOT NULL,
    "StartsAt" timestamp with time zone NOT NULL,
    "EndsAt" timestamp with time zone NOT NULL,
    "Minutes" integer NOT NULL,
    "Status" character varying(16) NOT NULL,
    "ConfirmedBy" uuid NOT NULL,
    "ConfirmedAt" timestamp with time zone NOT NULL,
    "DisputeReason" character varying(1000),
    "DisputedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    "RevokeReason" character varying(1000),
    CONSTRAINT "PK_HoursEntries" PRIMARY KEY ("Id"),
    CONSTRAINT "CK_HoursEntries_Minutes" CHECK ("Minutes" > 0 AND "Minutes" <= 1440),
    CONSTRAINT "FK_HoursEntries_Accounts_VolunteerId" FOREIGN KEY ("VolunteerId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_HoursEntries_Opportunities_OpportunityId" FOREIGN KEY ("OpportunityId") REFERENCES "Opportunities" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_HoursEntries_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_HoursEntries_Shifts_ShiftId" FOREIGN KEY ("ShiftId") REFERENCES "Shifts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CertificateEntries" (
    "CertificateId" uuid NOT NULL,
    "HoursEntryId" uuid NOT NULL,
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

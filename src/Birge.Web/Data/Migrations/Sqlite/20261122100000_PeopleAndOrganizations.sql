-- People, organisations and front offices (issue 3). The audit log is append-only: the triggers refuse changes.

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "Action" TEXT NOT NULL,
    "TargetType" TEXT NOT NULL,
    "TargetId" TEXT NULL,
    "RegionKato" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Details" TEXT NULL
);

CREATE TABLE "FrontOffices" (
    "Kato" TEXT NOT NULL CONSTRAINT "PK_FrontOffices" PRIMARY KEY,
    "NameEn" TEXT NULL,
    "NameKk" TEXT NULL,
    "NameRu" TEXT NULL
);

CREATE TABLE "Organizations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Organizations" PRIMARY KEY,
    "Bin" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "LegalForm" TEXT NOT NULL,
    "RegionKato" TEXT NOT NULL,
    "Address" TEXT NULL,
    "Directions" TEXT NOT NULL,
    "Email" TEXT NULL,
    "Phone" TEXT NULL,
    "Website" TEXT NULL,
    "Status" TEXT NOT NULL,
    "StatusReason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "StatusChangedAt" TEXT NOT NULL,
    "StatusChangedBy" TEXT NULL,
    "SearchText" TEXT NOT NULL,
    "DescriptionEn" TEXT NULL,
    "DescriptionKk" TEXT NULL,
    "DescriptionRu" TEXT NULL,
    CONSTRAINT "FK_Organizations_Regions_RegionKato" FOREIGN KEY ("RegionKato") REFERENCES "Regions" ("Kato") ON DELETE RESTRICT
);

CREATE TABLE "FrontOfficeStaff" (
    "FrontOfficeKato" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "AssignedAt" TEXT NOT NULL,
    "AssignedBy" TEXT NOT NULL,
    CONSTRAINT "PK_FrontOfficeStaff" PRIMARY KEY ("FrontOfficeKato", "AccountId"),
    CONSTRAINT "FK_FrontOfficeStaff_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_FrontOfficeStaff_FrontOffices_FrontOfficeKato" FOREIGN KEY ("FrontOfficeKato") REFERENCES "FrontOffices" ("Kato") ON DELETE CASCADE
);

CREATE TABLE "VolunteerProfiles" (
    "AccountId" TEXT NOT NULL CONSTRAINT "PK_VolunteerProfiles" PRIMARY KEY,
    "City" TEXT NULL,
    "Languages" TEXT NOT NULL,
    "Skills" TEXT NOT NULL,
    "OtherSkills" TEXT NULL,
    "Directions" TEXT NOT NULL,
    "Availability" TEXT NOT NULL,
    "AccessibilityNeeds" TEXT NULL,
    "About" TEXT NULL,
    "ShowContactsToOrganisers" INTEGER NOT NULL,
    "ShowAgeToOrganisers" INTEGER NOT NULL,
    "ShowProfileToOrganisers" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_VolunteerProfiles_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OrganizationInvitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OrganizationInvitations" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "Email" TEXT NULL,
    "Phone" TEXT NULL,
    "TokenHash" TEXT NOT NULL,
    "InvitedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL,
    "AcceptedBy" TEXT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_OrganizationInvitations_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OrganizationMembers" (
    "OrganizationId" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "JoinedAt" TEXT NOT NULL,
    CONSTRAINT "PK_OrganizationMembers" PRIMARY KEY ("OrganizationId", "AccountId"),
    CONSTRAINT "FK_OrganizationMembers_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_OrganizationMembers_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AuditEntries_ActorId_At" ON "AuditEntries" ("ActorId", "At");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_RegionKato_At" ON "AuditEntries" ("RegionKato", "At");

CREATE INDEX "IX_FrontOfficeStaff_AccountId" ON "FrontOfficeStaff" ("AccountId");

CREATE INDEX "IX_OrganizationInvitations_OrganizationId" ON "OrganizationInvitations" ("OrganizationId");

CREATE UNIQUE INDEX "IX_OrganizationInvitations_TokenHash" ON "OrganizationInvitations" ("TokenHash");

CREATE INDEX "IX_OrganizationMembers_AccountId" ON "OrganizationMembers" ("AccountId");

CREATE UNIQUE INDEX "IX_Organizations_Bin" ON "Organizations" ("Bin");

CREATE INDEX "IX_Organizations_RegionKato_Status" ON "Organizations" ("RegionKato", "Status");

CREATE INDEX "IX_Organizations_Status" ON "Organizations" ("Status");

CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

-- Changes of a verified organisation's legal details wait here for the front office of the region asked for (issue 9).

CREATE TABLE "OrganizationChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OrganizationChanges" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "LegalForm" TEXT NOT NULL,
    "RegionKato" TEXT NOT NULL,
    "RequestedBy" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    CONSTRAINT "FK_OrganizationChanges_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_OrganizationChanges_Regions_RegionKato" FOREIGN KEY ("RegionKato") REFERENCES "Regions" ("Kato") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_OrganizationChanges_OrganizationId" ON "OrganizationChanges" ("OrganizationId") WHERE "Status" = 'Pending';

CREATE INDEX "IX_OrganizationChanges_RegionKato_Status" ON "OrganizationChanges" ("RegionKato", "Status");

-- Changes of a verified organisation's legal details wait here for the front office of the region asked for (issue 9).

CREATE TABLE "OrganizationChanges" (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "Name" character varying(300) NOT NULL,
    "LegalForm" character varying(32) NOT NULL,
    "RegionKato" character varying(9) NOT NULL,
    "RequestedBy" uuid NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "Status" character varying(16) NOT NULL,
    "Reason" character varying(1000),
    "DecidedBy" uuid,
    "DecidedAt" timestamp with time zone,
    CONSTRAINT "PK_OrganizationChanges" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OrganizationChanges_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_OrganizationChanges_Regions_RegionKato" FOREIGN KEY ("RegionKato") REFERENCES "Regions" ("Kato") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_OrganizationChanges_OrganizationId" ON "OrganizationChanges" ("OrganizationId") WHERE "Status" = 'Pending';

CREATE INDEX "IX_OrganizationChanges_RegionKato_Status" ON "OrganizationChanges" ("RegionKato", "Status");

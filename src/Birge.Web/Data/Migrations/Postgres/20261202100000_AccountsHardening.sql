-- Hardening (issue 9), accounts: IINs given at sign-up that another account holds wait for the front office's check,
-- and the reminder sent to an unconfirmed contact before it is released is remembered, so it goes once.

CREATE TABLE "IinChecks" (
    "Id" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "HolderId" uuid NOT NULL,
    "Iin" character varying(12),
    "RegionKato" character varying(9) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ResolvedAt" timestamp with time zone,
    "ResolvedBy" uuid,
    CONSTRAINT "PK_IinChecks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_IinChecks_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_IinChecks_Accounts_HolderId" FOREIGN KEY ("HolderId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_IinChecks_Regions_RegionKato" FOREIGN KEY ("RegionKato") REFERENCES "Regions" ("Kato") ON DELETE RESTRICT
);

CREATE INDEX "IX_IinChecks_AccountId" ON "IinChecks" ("AccountId");

CREATE INDEX "IX_IinChecks_HolderId" ON "IinChecks" ("HolderId");

CREATE INDEX "IX_IinChecks_RegionKato_ResolvedAt_CreatedAt" ON "IinChecks" ("RegionKato", "ResolvedAt", "CreatedAt");

ALTER TABLE "Accounts" ADD "ConfirmationReminderSentAt" timestamp with time zone;

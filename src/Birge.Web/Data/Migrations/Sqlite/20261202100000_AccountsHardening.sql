-- Hardening (issue 9), accounts: IINs given at sign-up that another account holds wait for the front office's check,
-- and the reminder sent to an unconfirmed contact before it is released is remembered, so it goes once.

CREATE TABLE "IinChecks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_IinChecks" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "HolderId" TEXT NOT NULL,
    "Iin" TEXT NULL,
    "RegionKato" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ResolvedAt" TEXT NULL,
    "ResolvedBy" TEXT NULL,
    CONSTRAINT "FK_IinChecks_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_IinChecks_Accounts_HolderId" FOREIGN KEY ("HolderId") REFERENCES "Accounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_IinChecks_Regions_RegionKato" FOREIGN KEY ("RegionKato") REFERENCES "Regions" ("Kato") ON DELETE RESTRICT
);

CREATE INDEX "IX_IinChecks_AccountId" ON "IinChecks" ("AccountId");

CREATE INDEX "IX_IinChecks_HolderId" ON "IinChecks" ("HolderId");

CREATE INDEX "IX_IinChecks_RegionKato_ResolvedAt_CreatedAt" ON "IinChecks" ("RegionKato", "ResolvedAt", "CreatedAt");

ALTER TABLE "Accounts" ADD "ConfirmationReminderSentAt" TEXT NULL;

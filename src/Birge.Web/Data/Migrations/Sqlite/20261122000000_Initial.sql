CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);


CREATE TABLE "Directions" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Directions" PRIMARY KEY,
    "SortOrder" INTEGER NOT NULL,
    "MinimumAge" INTEGER NOT NULL,
    "NameEn" TEXT NULL,
    "NameKk" TEXT NULL,
    "NameRu" TEXT NULL
);


CREATE TABLE "OutboxMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY,
    "Channel" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "SentAt" TEXT NULL,
    "FailedAt" TEXT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "Regions" (
    "Kato" TEXT NOT NULL CONSTRAINT "PK_Regions" PRIMARY KEY,
    "Iso" TEXT NOT NULL,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "CentreEn" TEXT NULL,
    "CentreKk" TEXT NULL,
    "CentreRu" TEXT NULL,
    "NameEn" TEXT NULL,
    "NameKk" TEXT NULL,
    "NameRu" TEXT NULL
);


CREATE TABLE "Accounts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Accounts" PRIMARY KEY,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "Phone" TEXT NULL,
    "PhoneConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NOT NULL,
    "ConcurrencyStamp" TEXT NOT NULL,
    "FullName" TEXT NULL,
    "BirthDate" TEXT NULL,
    "BirthYear" INTEGER NOT NULL,
    "RegionKato" TEXT NOT NULL,
    "Iin" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "DeletedAt" TEXT NULL,
    "LockoutEnd" TEXT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_Accounts_Regions_RegionKato" FOREIGN KEY ("RegionKato") REFERENCES "Regions" ("Kato") ON DELETE RESTRICT
);


CREATE TABLE "AccountRoles" (
    "AccountId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    CONSTRAINT "PK_AccountRoles" PRIMARY KEY ("AccountId", "Role"),
    CONSTRAINT "FK_AccountRoles_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ConsentRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ConsentRecords" PRIMARY KEY,
    "AccountId" TEXT NOT NULL,
    "Purpose" TEXT NOT NULL,
    "Version" TEXT NOT NULL,
    "GivenAt" TEXT NOT NULL,
    "GivenBy" TEXT NOT NULL,
    "WithdrawnAt" TEXT NULL,
    CONSTRAINT "FK_ConsentRecords_Accounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ParentConsents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ParentConsents" PRIMARY KEY,
    "ChildAccountId" TEXT NOT NULL,
    "ParentName" TEXT NULL,
    "ParentEmail" TEXT NULL,
    "ParentPhone" TEXT NULL,
    "TokenHash" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    CONSTRAINT "FK_ParentConsents_Accounts_ChildAccountId" FOREIGN KEY ("ChildAccountId") REFERENCES "Accounts" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_Accounts_Iin" ON "Accounts" ("Iin");


CREATE UNIQUE INDEX "IX_Accounts_NormalizedEmail" ON "Accounts" ("NormalizedEmail");


CREATE UNIQUE INDEX "IX_Accounts_Phone" ON "Accounts" ("Phone");


CREATE INDEX "IX_Accounts_RegionKato" ON "Accounts" ("RegionKato");


CREATE INDEX "IX_ConsentRecords_AccountId" ON "ConsentRecords" ("AccountId");


CREATE INDEX "IX_OutboxMessages_SentAt_NextAttemptAt" ON "OutboxMessages" ("SentAt", "NextAttemptAt");


CREATE INDEX "IX_ParentConsents_ChildAccountId" ON "ParentConsents" ("ChildAccountId");


CREATE UNIQUE INDEX "IX_ParentConsents_TokenHash" ON "ParentConsents" ("TokenHash");




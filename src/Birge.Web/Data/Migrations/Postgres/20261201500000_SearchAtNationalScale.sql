-- Opportunity search at national scale (bench/, docs/benchmarks.md): the two indexes search walks carry the columns
-- it reads, so counting, sorting and filtering the ~10,000 open opportunities never visits their wide rows (titles,
-- descriptions, SearchText), and "free seats" or a date range checks shifts inside the index. PostgreSQL only:
-- SQLite has no INCLUDE, and its indexes stay as they are.

DROP INDEX "IX_Opportunities_Status_EndsAt";

CREATE INDEX "IX_Opportunities_Status_EndsAt" ON "Opportunities" ("Status", "EndsAt") INCLUDE ("StartsAt", "Id", "RegionKato", "Directions", "MinAge", "Online", "Latitude", "Longitude");

DROP INDEX "IX_Shifts_OpportunityId_StartsAt";

CREATE INDEX "IX_Shifts_OpportunityId_StartsAt" ON "Shifts" ("OpportunityId", "StartsAt") INCLUDE ("EndsAt", "Capacity", "Taken");

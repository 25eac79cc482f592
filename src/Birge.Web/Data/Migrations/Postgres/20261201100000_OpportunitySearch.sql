-- Opportunity search by any part of a word in any language (LIKE '%word%' on the lower-cased SearchText) stays
-- fast at national scale with a trigram index. PostgreSQL only: SQLite scans, which suits a single node.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "IX_Opportunities_SearchText" ON "Opportunities" USING gin ("SearchText" gin_trgm_ops);

-- Drop index "apioperation_api_id_method_target" from table: "api_operations"
DROP INDEX "apioperation_api_id_method_target";
-- Modify "api_operations" table
ALTER TABLE "api_operations" ADD COLUMN "soap_action" character varying NOT NULL DEFAULT '';
-- Create index "apioperation_api_id_method_target_soap_action" to table: "api_operations"
CREATE UNIQUE INDEX "apioperation_api_id_method_target_soap_action" ON "api_operations" ("api_id", "method", "target", "soap_action");
-- Modify "api_revisions" table
ALTER TABLE "api_revisions" ADD COLUMN "state" jsonb NULL;

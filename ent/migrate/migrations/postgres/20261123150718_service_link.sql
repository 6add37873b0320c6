-- Modify "apis" table
ALTER TABLE "apis" ADD COLUMN "service_definition_hash" character varying NOT NULL DEFAULT '', ADD COLUMN "service_entry_id" uuid NULL, ADD CONSTRAINT "apis_service_entries_service_entry" FOREIGN KEY ("service_entry_id") REFERENCES "service_entries" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;

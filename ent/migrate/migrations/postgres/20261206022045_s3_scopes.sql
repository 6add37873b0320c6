-- Create "api_scopes" table
CREATE TABLE "api_scopes" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "display_name" character varying NOT NULL DEFAULT '', "description" character varying NOT NULL DEFAULT '', "roles" jsonb NULL, "api_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "api_scopes_apis_api" FOREIGN KEY ("api_id") REFERENCES "apis" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create index "apiscope_api_id_name" to table: "api_scopes"
CREATE UNIQUE INDEX "apiscope_api_id_name" ON "api_scopes" ("api_id", "name");

-- Modify "users" table
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean NOT NULL DEFAULT false;
-- Create "custom_roles" table
CREATE TABLE "custom_roles" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', "permissions" jsonb NULL, "organization_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "custom_roles_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "customrole_organization_id_name" to table: "custom_roles"
CREATE UNIQUE INDEX "customrole_organization_id_name" ON "custom_roles" ("organization_id", "name");

-- Create "organizations" table
CREATE TABLE "organizations" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "display_name" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "organizations_name_key" to table: "organizations"
CREATE UNIQUE INDEX "organizations_name_key" ON "organizations" ("name");
-- Create "apis" table
CREATE TABLE "apis" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "context" character varying NOT NULL, "version" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', "type" character varying NOT NULL DEFAULT 'HTTP', "lifecycle_status" character varying NOT NULL DEFAULT 'CREATED', "is_default_version" boolean NOT NULL DEFAULT false, "production_endpoint" character varying NOT NULL DEFAULT '', "sandbox_endpoint" character varying NOT NULL DEFAULT '', "definition_type" character varying NOT NULL DEFAULT 'NONE', "definition" text NOT NULL DEFAULT '', "tags" jsonb NULL, "created_by" character varying NOT NULL DEFAULT '', "organization_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "apis_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "api_context_version" to table: "apis"
CREATE UNIQUE INDEX "api_context_version" ON "apis" ("context", "version");
-- Create "api_operations" table
CREATE TABLE "api_operations" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "method" character varying NOT NULL, "target" character varying NOT NULL, "auth_required" boolean NOT NULL DEFAULT true, "scopes" jsonb NULL, "throttling_tier" character varying NOT NULL DEFAULT '', "api_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "api_operations_apis_api" FOREIGN KEY ("api_id") REFERENCES "apis" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create index "apioperation_api_id_method_target" to table: "api_operations"
CREATE UNIQUE INDEX "apioperation_api_id_method_target" ON "api_operations" ("api_id", "method", "target");
-- Create "api_revisions" table
CREATE TABLE "api_revisions" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "number" bigint NOT NULL, "description" character varying NOT NULL DEFAULT '', "snapshot" text NOT NULL, "created_by" character varying NOT NULL DEFAULT '', "api_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "api_revisions_apis_api" FOREIGN KEY ("api_id") REFERENCES "apis" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create index "apirevision_api_id_number" to table: "api_revisions"
CREATE UNIQUE INDEX "apirevision_api_id_number" ON "api_revisions" ("api_id", "number");
-- Create "users" table
CREATE TABLE "users" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "username" character varying NOT NULL, "email" character varying NOT NULL DEFAULT '', "display_name" character varying NOT NULL DEFAULT '', "password_hash" character varying NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "organization_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "users_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "users_username_key" to table: "users"
CREATE UNIQUE INDEX "users_username_key" ON "users" ("username");
-- Create "applications" table
CREATE TABLE "applications" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "description" character varying NOT NULL DEFAULT '', "throttling_tier" character varying NOT NULL DEFAULT 'Unlimited', "token_type" character varying NOT NULL DEFAULT 'JWT', "organization_id" uuid NOT NULL, "owner_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "applications_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "applications_users_owner" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "application_owner_id_name" to table: "applications"
CREATE UNIQUE INDEX "application_owner_id_name" ON "applications" ("owner_id", "name");
-- Create "application_keys" table
CREATE TABLE "application_keys" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "key_type" character varying NOT NULL, "key_manager" character varying NOT NULL DEFAULT 'Resident', "client_id" character varying NOT NULL, "client_secret_hash" character varying NOT NULL, "grant_types" jsonb NULL, "callback_url" character varying NOT NULL DEFAULT '', "application_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "application_keys_applications_application" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create index "application_keys_client_id_key" to table: "application_keys"
CREATE UNIQUE INDEX "application_keys_client_id_key" ON "application_keys" ("client_id");
-- Create index "applicationkey_application_id_key_type_key_manager" to table: "application_keys"
CREATE UNIQUE INDEX "applicationkey_application_id_key_type_key_manager" ON "application_keys" ("application_id", "key_type", "key_manager");
-- Create "audit_logs" table
CREATE TABLE "audit_logs" ("id" uuid NOT NULL, "time" timestamptz NOT NULL, "actor" character varying NOT NULL, "action" character varying NOT NULL, "target_type" character varying NOT NULL, "target_id" character varying NOT NULL, "details" text NOT NULL DEFAULT '', "organization_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "audit_logs_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "auditlog_organization_id_time" to table: "audit_logs"
CREATE INDEX "auditlog_organization_id_time" ON "audit_logs" ("organization_id", "time");
-- Create "environments" table
CREATE TABLE "environments" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "display_name" character varying NOT NULL DEFAULT '', "description" character varying NOT NULL DEFAULT '', "gateway_url" character varying NOT NULL DEFAULT '', "is_default" boolean NOT NULL DEFAULT false, PRIMARY KEY ("id"));
-- Create index "environments_name_key" to table: "environments"
CREATE UNIQUE INDEX "environments_name_key" ON "environments" ("name");
-- Create "deployments" table
CREATE TABLE "deployments" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "deployed_by" character varying NOT NULL DEFAULT '', "api_id" uuid NOT NULL, "environment_id" uuid NOT NULL, "revision_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "deployments_api_revisions_revision" FOREIGN KEY ("revision_id") REFERENCES "api_revisions" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "deployments_apis_api" FOREIGN KEY ("api_id") REFERENCES "apis" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "deployments_environments_environment" FOREIGN KEY ("environment_id") REFERENCES "environments" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "deployment_api_id_environment_id" to table: "deployments"
CREATE UNIQUE INDEX "deployment_api_id_environment_id" ON "deployments" ("api_id", "environment_id");
-- Create "documents" table
CREATE TABLE "documents" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "doc_type" character varying NOT NULL DEFAULT 'HOWTO', "source_type" character varying NOT NULL DEFAULT 'MARKDOWN', "content" text NOT NULL DEFAULT '', "url" character varying NOT NULL DEFAULT '', "summary" character varying NOT NULL DEFAULT '', "api_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "documents_apis_api" FOREIGN KEY ("api_id") REFERENCES "apis" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create index "document_api_id_name" to table: "documents"
CREATE UNIQUE INDEX "document_api_id_name" ON "documents" ("api_id", "name");
-- Create "role_bindings" table
CREATE TABLE "role_bindings" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "role" character varying NOT NULL, "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "role_bindings_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION, CONSTRAINT "role_bindings_users_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "rolebinding_user_id_organization_id_role" to table: "role_bindings"
CREATE UNIQUE INDEX "rolebinding_user_id_organization_id_role" ON "role_bindings" ("user_id", "organization_id", "role");
-- Create "service_entries" table
CREATE TABLE "service_entries" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "name" character varying NOT NULL, "version" character varying NOT NULL, "display_name" character varying NOT NULL DEFAULT '', "description" character varying NOT NULL DEFAULT '', "service_url" character varying NOT NULL, "definition_type" character varying NOT NULL, "definition" text NOT NULL, "definition_hash" character varying NOT NULL, "security_type" character varying NOT NULL DEFAULT 'NONE', "mutual_tls" boolean NOT NULL DEFAULT false, "created_by" character varying NOT NULL DEFAULT '', "updated_by" character varying NOT NULL DEFAULT '', "organization_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "service_entries_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "serviceentry_organization_id_name_version" to table: "service_entries"
CREATE UNIQUE INDEX "serviceentry_organization_id_name_version" ON "service_entries" ("organization_id", "name", "version");
-- Create "sessions" table
CREATE TABLE "sessions" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "token_hash" character varying NOT NULL, "csrf_token" character varying NOT NULL, "expires_at" timestamptz NOT NULL, "user_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "sessions_users_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "sessions_token_hash_key" to table: "sessions"
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" ("token_hash");
-- Create "subscriptions" table
CREATE TABLE "subscriptions" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "throttling_tier" character varying NOT NULL, "status" character varying NOT NULL DEFAULT 'UNBLOCKED', "application_id" uuid NOT NULL, "api_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "subscriptions_apis_api" FOREIGN KEY ("api_id") REFERENCES "apis" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "subscriptions_applications_application" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
-- Create index "subscription_application_id_api_id" to table: "subscriptions"
CREATE UNIQUE INDEX "subscription_application_id_api_id" ON "subscriptions" ("application_id", "api_id");
-- Create "throttling_tiers" table
CREATE TABLE "throttling_tiers" ("id" uuid NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "level" character varying NOT NULL, "name" character varying NOT NULL, "display_name" character varying NOT NULL DEFAULT '', "description" character varying NOT NULL DEFAULT '', "request_count" bigint NOT NULL DEFAULT 0, "unit_seconds" bigint NOT NULL DEFAULT 60, "burst_limit" bigint NOT NULL DEFAULT 0, "stop_on_quota_reach" boolean NOT NULL DEFAULT true, "organization_id" uuid NOT NULL, PRIMARY KEY ("id"), CONSTRAINT "throttling_tiers_organizations_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION);
-- Create index "throttlingtier_organization_id_level_name" to table: "throttling_tiers"
CREATE UNIQUE INDEX "throttlingtier_organization_id_level_name" ON "throttling_tiers" ("organization_id", "level", "name");

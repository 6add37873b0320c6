-- Create "analytics_events" table
CREATE TABLE "analytics_events" ("id" uuid NOT NULL, "request_id" character varying NOT NULL, "time" timestamptz NOT NULL, "organization_id" character varying NOT NULL DEFAULT '', "api_id" character varying NOT NULL DEFAULT '', "api_name" character varying NOT NULL DEFAULT '', "api_version" character varying NOT NULL DEFAULT '', "api_context" character varying NOT NULL DEFAULT '', "method" character varying NOT NULL DEFAULT '', "resource" character varying NOT NULL DEFAULT '', "application_id" character varying NOT NULL DEFAULT '', "application" character varying NOT NULL DEFAULT '', "subscriber" character varying NOT NULL DEFAULT '', "key_type" character varying NOT NULL DEFAULT '', "client_ip" character varying NOT NULL DEFAULT '', "user_agent" character varying NOT NULL DEFAULT '', "status" bigint NOT NULL, "error_type" character varying NOT NULL DEFAULT '', "request_bytes" bigint NOT NULL DEFAULT 0, "response_bytes" bigint NOT NULL DEFAULT 0, "latency_ms" double precision NOT NULL DEFAULT 0, "backend_latency_ms" double precision NOT NULL DEFAULT 0, "gateway_id" character varying NOT NULL DEFAULT '', "environment" character varying NOT NULL DEFAULT '', PRIMARY KEY ("id"));
-- Create index "analytics_events_request_id_key" to table: "analytics_events"
CREATE UNIQUE INDEX "analytics_events_request_id_key" ON "analytics_events" ("request_id");
-- Create index "analyticsevent_application_id_time" to table: "analytics_events"
CREATE INDEX "analyticsevent_application_id_time" ON "analytics_events" ("application_id", "time");
-- Create index "analyticsevent_organization_id_time" to table: "analytics_events"
CREATE INDEX "analyticsevent_organization_id_time" ON "analytics_events" ("organization_id", "time");
-- Create index "analyticsevent_time" to table: "analytics_events"
CREATE INDEX "analyticsevent_time" ON "analytics_events" ("time");

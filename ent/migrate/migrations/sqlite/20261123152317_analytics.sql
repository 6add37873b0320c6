-- Create "analytics_events" table
CREATE TABLE `analytics_events` (`id` uuid NOT NULL, `request_id` text NOT NULL, `time` datetime NOT NULL, `organization_id` text NOT NULL DEFAULT (''), `api_id` text NOT NULL DEFAULT (''), `api_name` text NOT NULL DEFAULT (''), `api_version` text NOT NULL DEFAULT (''), `api_context` text NOT NULL DEFAULT (''), `method` text NOT NULL DEFAULT (''), `resource` text NOT NULL DEFAULT (''), `application_id` text NOT NULL DEFAULT (''), `application` text NOT NULL DEFAULT (''), `subscriber` text NOT NULL DEFAULT (''), `key_type` text NOT NULL DEFAULT (''), `client_ip` text NOT NULL DEFAULT (''), `user_agent` text NOT NULL DEFAULT (''), `status` integer NOT NULL, `error_type` text NOT NULL DEFAULT (''), `request_bytes` integer NOT NULL DEFAULT (0), `response_bytes` integer NOT NULL DEFAULT (0), `latency_ms` real NOT NULL DEFAULT (0), `backend_latency_ms` real NOT NULL DEFAULT (0), `gateway_id` text NOT NULL DEFAULT (''), `environment` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Create index "analytics_events_request_id_key" to table: "analytics_events"
CREATE UNIQUE INDEX `analytics_events_request_id_key` ON `analytics_events` (`request_id`);
-- Create index "analyticsevent_time" to table: "analytics_events"
CREATE INDEX `analyticsevent_time` ON `analytics_events` (`time`);
-- Create index "analyticsevent_organization_id_time" to table: "analytics_events"
CREATE INDEX `analyticsevent_organization_id_time` ON `analytics_events` (`organization_id`, `time`);
-- Create index "analyticsevent_application_id_time" to table: "analytics_events"
CREATE INDEX `analyticsevent_application_id_time` ON `analytics_events` (`application_id`, `time`);

-- Disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- Create "new_application_keys" table
CREATE TABLE `new_application_keys` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `key_type` text NOT NULL, `key_manager` text NOT NULL DEFAULT ('Resident'), `client_id` text NOT NULL, `client_secret_hash` text NOT NULL, `grant_types` json NULL, `callback_url` text NOT NULL DEFAULT (''), `jwks` text NOT NULL DEFAULT (''), `application_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `application_keys_applications_application` FOREIGN KEY (`application_id`) REFERENCES `applications` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "application_keys" to new temporary table "new_application_keys"
INSERT INTO `new_application_keys` (`id`, `created_at`, `updated_at`, `key_type`, `key_manager`, `client_id`, `client_secret_hash`, `grant_types`, `callback_url`, `application_id`) SELECT `id`, `created_at`, `updated_at`, `key_type`, `key_manager`, `client_id`, `client_secret_hash`, `grant_types`, `callback_url`, `application_id` FROM `application_keys`;
-- Drop "application_keys" table after copying rows
DROP TABLE `application_keys`;
-- Rename temporary table "new_application_keys" to "application_keys"
ALTER TABLE `new_application_keys` RENAME TO `application_keys`;
-- Create index "application_keys_client_id_key" to table: "application_keys"
CREATE UNIQUE INDEX `application_keys_client_id_key` ON `application_keys` (`client_id`);
-- Create index "applicationkey_application_id_key_type_key_manager" to table: "application_keys"
CREATE UNIQUE INDEX `applicationkey_application_id_key_type_key_manager` ON `application_keys` (`application_id`, `key_type`, `key_manager`);
-- Create "new_documents" table
CREATE TABLE `new_documents` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `doc_type` text NOT NULL DEFAULT ('HOWTO'), `source_type` text NOT NULL DEFAULT ('INLINE'), `content` text NOT NULL DEFAULT (''), `url` text NOT NULL DEFAULT (''), `summary` text NOT NULL DEFAULT (''), `file_id` uuid NULL, `file_name` text NOT NULL DEFAULT (''), `file_size` integer NOT NULL DEFAULT (0), `created_by` text NOT NULL DEFAULT (''), `api_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `documents_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "documents" to new temporary table "new_documents"
INSERT INTO `new_documents` (`id`, `created_at`, `updated_at`, `name`, `doc_type`, `source_type`, `content`, `url`, `summary`, `api_id`) SELECT `id`, `created_at`, `updated_at`, `name`, `doc_type`, IFNULL(`source_type`, ('INLINE')) AS `source_type`, `content`, `url`, `summary`, `api_id` FROM `documents`;
-- Drop "documents" table after copying rows
DROP TABLE `documents`;
-- Rename temporary table "new_documents" to "documents"
ALTER TABLE `new_documents` RENAME TO `documents`;
-- Create index "document_api_id_name" to table: "documents"
CREATE UNIQUE INDEX `document_api_id_name` ON `documents` (`api_id`, `name`);
-- Create "new_organizations" table
CREATE TABLE `new_organizations` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `display_name` text NOT NULL DEFAULT (''), `signup_mode` text NOT NULL DEFAULT ('ENABLED'), PRIMARY KEY (`id`));
-- Copy rows from old table "organizations" to new temporary table "new_organizations"
INSERT INTO `new_organizations` (`id`, `created_at`, `updated_at`, `name`, `display_name`) SELECT `id`, `created_at`, `updated_at`, `name`, `display_name` FROM `organizations`;
-- Drop "organizations" table after copying rows
DROP TABLE `organizations`;
-- Rename temporary table "new_organizations" to "organizations"
ALTER TABLE `new_organizations` RENAME TO `organizations`;
-- Create index "organizations_name_key" to table: "organizations"
CREATE UNIQUE INDEX `organizations_name_key` ON `organizations` (`name`);
-- Create "new_subscriptions" table
CREATE TABLE `new_subscriptions` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `throttling_tier` text NOT NULL, `status` text NOT NULL DEFAULT ('UNBLOCKED'), `status_reason` text NOT NULL DEFAULT (''), `application_id` uuid NOT NULL, `api_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `subscriptions_applications_application` FOREIGN KEY (`application_id`) REFERENCES `applications` (`id`) ON DELETE CASCADE, CONSTRAINT `subscriptions_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE);
-- Copy rows from old table "subscriptions" to new temporary table "new_subscriptions"
INSERT INTO `new_subscriptions` (`id`, `created_at`, `updated_at`, `throttling_tier`, `status`, `application_id`, `api_id`) SELECT `id`, `created_at`, `updated_at`, `throttling_tier`, `status`, `application_id`, `api_id` FROM `subscriptions`;
-- Drop "subscriptions" table after copying rows
DROP TABLE `subscriptions`;
-- Rename temporary table "new_subscriptions" to "subscriptions"
ALTER TABLE `new_subscriptions` RENAME TO `subscriptions`;
-- Create index "subscription_application_id_api_id" to table: "subscriptions"
CREATE UNIQUE INDEX `subscription_application_id_api_id` ON `subscriptions` (`application_id`, `api_id`);
-- Create "new_throttling_tiers" table
CREATE TABLE `new_throttling_tiers` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `level` text NOT NULL, `name` text NOT NULL, `display_name` text NOT NULL DEFAULT (''), `description` text NOT NULL DEFAULT (''), `request_count` integer NOT NULL DEFAULT (0), `unit_seconds` integer NOT NULL DEFAULT (60), `burst_limit` integer NOT NULL DEFAULT (0), `stop_on_quota_reach` bool NOT NULL DEFAULT (true), `requires_approval` bool NOT NULL DEFAULT (false), `organization_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `throttling_tiers_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "throttling_tiers" to new temporary table "new_throttling_tiers"
INSERT INTO `new_throttling_tiers` (`id`, `created_at`, `updated_at`, `level`, `name`, `display_name`, `description`, `request_count`, `unit_seconds`, `burst_limit`, `stop_on_quota_reach`, `organization_id`) SELECT `id`, `created_at`, `updated_at`, `level`, `name`, `display_name`, `description`, `request_count`, `unit_seconds`, `burst_limit`, `stop_on_quota_reach`, `organization_id` FROM `throttling_tiers`;
-- Drop "throttling_tiers" table after copying rows
DROP TABLE `throttling_tiers`;
-- Rename temporary table "new_throttling_tiers" to "throttling_tiers"
ALTER TABLE `new_throttling_tiers` RENAME TO `throttling_tiers`;
-- Create index "throttlingtier_organization_id_level_name" to table: "throttling_tiers"
CREATE UNIQUE INDEX `throttlingtier_organization_id_level_name` ON `throttling_tiers` (`organization_id`, `level`, `name`);
-- Create "new_users" table
CREATE TABLE `new_users` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `username` text NOT NULL, `email` text NOT NULL DEFAULT (''), `display_name` text NOT NULL DEFAULT (''), `password_hash` text NOT NULL, `disabled` bool NOT NULL DEFAULT (false), `pending_approval` bool NOT NULL DEFAULT (false), `organization_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `users_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION);
-- Copy rows from old table "users" to new temporary table "new_users"
INSERT INTO `new_users` (`id`, `created_at`, `updated_at`, `username`, `email`, `display_name`, `password_hash`, `disabled`, `organization_id`) SELECT `id`, `created_at`, `updated_at`, `username`, `email`, `display_name`, `password_hash`, `disabled`, `organization_id` FROM `users`;
-- Drop "users" table after copying rows
DROP TABLE `users`;
-- Rename temporary table "new_users" to "users"
ALTER TABLE `new_users` RENAME TO `users`;
-- Create index "users_username_key" to table: "users"
CREATE UNIQUE INDEX `users_username_key` ON `users` (`username`);
-- Create "new_apis" table
CREATE TABLE `new_apis` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `context` text NOT NULL, `version` text NOT NULL, `description` text NOT NULL DEFAULT (''), `type` text NOT NULL DEFAULT ('HTTP'), `lifecycle_status` text NOT NULL DEFAULT ('CREATED'), `is_default_version` bool NOT NULL DEFAULT (false), `production_endpoint` text NOT NULL DEFAULT (''), `sandbox_endpoint` text NOT NULL DEFAULT (''), `definition_type` text NOT NULL DEFAULT ('NONE'), `definition` text NOT NULL DEFAULT (''), `tags` json NULL, `business_owner_name` text NOT NULL DEFAULT (''), `business_owner_email` text NOT NULL DEFAULT (''), `technical_owner_name` text NOT NULL DEFAULT (''), `technical_owner_email` text NOT NULL DEFAULT (''), `visibility` text NOT NULL DEFAULT ('PUBLIC'), `visible_roles` json NULL, `subscription_tiers` json NULL, `cors` json NULL, `thumbnail_id` uuid NULL, `created_by` text NOT NULL DEFAULT (''), `service_definition_hash` text NOT NULL DEFAULT (''), `organization_id` uuid NOT NULL, `service_entry_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `apis_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION, CONSTRAINT `apis_service_entries_service_entry` FOREIGN KEY (`service_entry_id`) REFERENCES `service_entries` (`id`) ON DELETE SET NULL);
-- Copy rows from old table "apis" to new temporary table "new_apis"
INSERT INTO `new_apis` (`id`, `created_at`, `updated_at`, `name`, `context`, `version`, `description`, `type`, `lifecycle_status`, `is_default_version`, `production_endpoint`, `sandbox_endpoint`, `definition_type`, `definition`, `tags`, `created_by`, `service_definition_hash`, `organization_id`, `service_entry_id`) SELECT `id`, `created_at`, `updated_at`, `name`, `context`, `version`, `description`, `type`, `lifecycle_status`, `is_default_version`, `production_endpoint`, `sandbox_endpoint`, `definition_type`, `definition`, `tags`, `created_by`, `service_definition_hash`, `organization_id`, `service_entry_id` FROM `apis`;
-- Drop "apis" table after copying rows
DROP TABLE `apis`;
-- Rename temporary table "new_apis" to "apis"
ALTER TABLE `new_apis` RENAME TO `apis`;
-- Create index "api_context_version" to table: "apis"
CREATE UNIQUE INDEX `api_context_version` ON `apis` (`context`, `version`);
-- Create "new_analytics_events" table
CREATE TABLE `new_analytics_events` (`id` uuid NOT NULL, `request_id` text NOT NULL, `time` datetime NOT NULL, `organization_id` text NOT NULL DEFAULT (''), `api_id` text NOT NULL DEFAULT (''), `api_name` text NOT NULL DEFAULT (''), `api_version` text NOT NULL DEFAULT (''), `api_context` text NOT NULL DEFAULT (''), `method` text NOT NULL DEFAULT (''), `resource` text NOT NULL DEFAULT (''), `application_id` text NOT NULL DEFAULT (''), `application` text NOT NULL DEFAULT (''), `subscriber` text NOT NULL DEFAULT (''), `key_type` text NOT NULL DEFAULT (''), `client_ip` text NOT NULL DEFAULT (''), `user_agent` text NOT NULL DEFAULT (''), `status` integer NOT NULL, `error_type` text NOT NULL DEFAULT (''), `request_bytes` integer NOT NULL DEFAULT (0), `response_bytes` integer NOT NULL DEFAULT (0), `latency_ms` real NOT NULL DEFAULT (0), `backend_latency_ms` real NOT NULL DEFAULT (0), `gateway_id` text NOT NULL DEFAULT (''), `environment` text NOT NULL DEFAULT (''), `country` text NOT NULL DEFAULT (''), PRIMARY KEY (`id`));
-- Copy rows from old table "analytics_events" to new temporary table "new_analytics_events"
INSERT INTO `new_analytics_events` (`id`, `request_id`, `time`, `organization_id`, `api_id`, `api_name`, `api_version`, `api_context`, `method`, `resource`, `application_id`, `application`, `subscriber`, `key_type`, `client_ip`, `user_agent`, `status`, `error_type`, `request_bytes`, `response_bytes`, `latency_ms`, `backend_latency_ms`, `gateway_id`, `environment`) SELECT `id`, `request_id`, `time`, `organization_id`, `api_id`, `api_name`, `api_version`, `api_context`, `method`, `resource`, `application_id`, `application`, `subscriber`, `key_type`, `client_ip`, `user_agent`, `status`, `error_type`, `request_bytes`, `response_bytes`, `latency_ms`, `backend_latency_ms`, `gateway_id`, `environment` FROM `analytics_events`;
-- Drop "analytics_events" table after copying rows
DROP TABLE `analytics_events`;
-- Rename temporary table "new_analytics_events" to "analytics_events"
ALTER TABLE `new_analytics_events` RENAME TO `analytics_events`;
-- Create index "analytics_events_request_id_key" to table: "analytics_events"
CREATE UNIQUE INDEX `analytics_events_request_id_key` ON `analytics_events` (`request_id`);
-- Create index "analyticsevent_time" to table: "analytics_events"
CREATE INDEX `analyticsevent_time` ON `analytics_events` (`time`);
-- Create "api_keys" table
CREATE TABLE `api_keys` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL DEFAULT (''), `key_type` text NOT NULL, `allowed_ips` json NULL, `allowed_referers` json NULL, `expires_at` datetime NOT NULL, `revoked_at` datetime NULL, `application_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `api_keys_applications_application` FOREIGN KEY (`application_id`) REFERENCES `applications` (`id`) ON DELETE CASCADE);
-- Create index "apikey_application_id" to table: "api_keys"
CREATE INDEX `apikey_application_id` ON `api_keys` (`application_id`);
-- Create index "apikey_revoked_at" to table: "api_keys"
CREATE INDEX `apikey_revoked_at` ON `api_keys` (`revoked_at`);
-- Create "alert_events" table
CREATE TABLE `alert_events` (`id` uuid NOT NULL, `state` text NOT NULL, `value` real NOT NULL, `threshold` real NOT NULL, `at` datetime NOT NULL, `delivery` text NOT NULL DEFAULT ('none'), `attempts` integer NOT NULL DEFAULT (0), `last_error` text NOT NULL DEFAULT (''), `rule_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `alert_events_alert_rules_events` FOREIGN KEY (`rule_id`) REFERENCES `alert_rules` (`id`) ON DELETE CASCADE);
-- Create index "alertevent_rule_id_at" to table: "alert_events"
CREATE INDEX `alertevent_rule_id_at` ON `alert_events` (`rule_id`, `at`);
-- Create "alert_rules" table
CREATE TABLE `alert_rules` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `organization_id` uuid NOT NULL, `name` text NOT NULL, `metric` text NOT NULL, `scope` text NOT NULL, `target_id` text NOT NULL, `threshold` real NOT NULL, `window_seconds` integer NOT NULL, `webhook_url` text NOT NULL DEFAULT (''), `enabled` bool NOT NULL DEFAULT (true), `state` text NOT NULL DEFAULT ('ok'), `last_value` real NOT NULL DEFAULT (0), `last_evaluated_at` datetime NULL, PRIMARY KEY (`id`));
-- Create index "alertrule_organization_id" to table: "alert_rules"
CREATE INDEX `alertrule_organization_id` ON `alert_rules` (`organization_id`);
-- Create "analytics_hours" table
CREATE TABLE `analytics_hours` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `organization_id` text NOT NULL DEFAULT (''), `api_id` text NOT NULL DEFAULT (''), `api_name` text NOT NULL DEFAULT (''), `api_version` text NOT NULL DEFAULT (''), `application_id` text NOT NULL DEFAULT (''), `application` text NOT NULL DEFAULT (''), `environment` text NOT NULL DEFAULT (''), `resource` text NOT NULL DEFAULT (''), `subscriber` text NOT NULL DEFAULT (''), `status_class` integer NOT NULL DEFAULT (0), `error_type` text NOT NULL DEFAULT (''), `country` text NOT NULL DEFAULT (''), `requests` integer NOT NULL DEFAULT (0), `errors` integer NOT NULL DEFAULT (0), `request_bytes` integer NOT NULL DEFAULT (0), `response_bytes` integer NOT NULL DEFAULT (0), `latency_sum_ms` real NOT NULL DEFAULT (0), `h00` integer NOT NULL DEFAULT (0), `h01` integer NOT NULL DEFAULT (0), `h02` integer NOT NULL DEFAULT (0), `h03` integer NOT NULL DEFAULT (0), `h04` integer NOT NULL DEFAULT (0), `h05` integer NOT NULL DEFAULT (0), `h06` integer NOT NULL DEFAULT (0), `h07` integer NOT NULL DEFAULT (0), `h08` integer NOT NULL DEFAULT (0), `h09` integer NOT NULL DEFAULT (0), `h10` integer NOT NULL DEFAULT (0), `h11` integer NOT NULL DEFAULT (0), `h12` integer NOT NULL DEFAULT (0), `h13` integer NOT NULL DEFAULT (0), `h14` integer NOT NULL DEFAULT (0), `h15` integer NOT NULL DEFAULT (0));
-- Create index "analyticshour_bucket_organizati_cebf889c8571a1518722242247b7a02b" to table: "analytics_hours"
CREATE UNIQUE INDEX `analyticshour_bucket_organizati_cebf889c8571a1518722242247b7a02b` ON `analytics_hours` (`bucket`, `organization_id`, `api_id`, `application_id`, `environment`, `resource`, `subscriber`, `status_class`, `error_type`, `country`);
-- Create index "analyticshour_organization_id_bucket" to table: "analytics_hours"
CREATE INDEX `analyticshour_organization_id_bucket` ON `analytics_hours` (`organization_id`, `bucket`);
-- Create "analytics_minutes" table
CREATE TABLE `analytics_minutes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `organization_id` text NOT NULL DEFAULT (''), `api_id` text NOT NULL DEFAULT (''), `api_name` text NOT NULL DEFAULT (''), `api_version` text NOT NULL DEFAULT (''), `application_id` text NOT NULL DEFAULT (''), `application` text NOT NULL DEFAULT (''), `environment` text NOT NULL DEFAULT (''), `resource` text NOT NULL DEFAULT (''), `subscriber` text NOT NULL DEFAULT (''), `status_class` integer NOT NULL DEFAULT (0), `error_type` text NOT NULL DEFAULT (''), `country` text NOT NULL DEFAULT (''), `requests` integer NOT NULL DEFAULT (0), `errors` integer NOT NULL DEFAULT (0), `request_bytes` integer NOT NULL DEFAULT (0), `response_bytes` integer NOT NULL DEFAULT (0), `latency_sum_ms` real NOT NULL DEFAULT (0), `h00` integer NOT NULL DEFAULT (0), `h01` integer NOT NULL DEFAULT (0), `h02` integer NOT NULL DEFAULT (0), `h03` integer NOT NULL DEFAULT (0), `h04` integer NOT NULL DEFAULT (0), `h05` integer NOT NULL DEFAULT (0), `h06` integer NOT NULL DEFAULT (0), `h07` integer NOT NULL DEFAULT (0), `h08` integer NOT NULL DEFAULT (0), `h09` integer NOT NULL DEFAULT (0), `h10` integer NOT NULL DEFAULT (0), `h11` integer NOT NULL DEFAULT (0), `h12` integer NOT NULL DEFAULT (0), `h13` integer NOT NULL DEFAULT (0), `h14` integer NOT NULL DEFAULT (0), `h15` integer NOT NULL DEFAULT (0));
-- Create index "analyticsminute_bucket_organiza_42854b69f9b264df950b4574ca4fd534" to table: "analytics_minutes"
CREATE UNIQUE INDEX `analyticsminute_bucket_organiza_42854b69f9b264df950b4574ca4fd534` ON `analytics_minutes` (`bucket`, `organization_id`, `api_id`, `application_id`, `environment`, `resource`, `subscriber`, `status_class`, `error_type`, `country`);
-- Create index "analyticsminute_organization_id_bucket" to table: "analytics_minutes"
CREATE INDEX `analyticsminute_organization_id_bucket` ON `analytics_minutes` (`organization_id`, `bucket`);
-- Create "categories" table
CREATE TABLE `categories` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `organization_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `categories_organizations_organization` FOREIGN KEY (`organization_id`) REFERENCES `organizations` (`id`) ON DELETE NO ACTION);
-- Create index "category_organization_id_name" to table: "categories"
CREATE UNIQUE INDEX `category_organization_id_name` ON `categories` (`organization_id`, `name`);
-- Create "comments" table
CREATE TABLE `comments` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `body` text NOT NULL, `hidden` bool NOT NULL DEFAULT (false), `api_id` uuid NOT NULL, `author_id` uuid NOT NULL, `parent_id` uuid NULL, PRIMARY KEY (`id`), CONSTRAINT `comments_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE, CONSTRAINT `comments_users_author` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`) ON DELETE CASCADE, CONSTRAINT `comments_comments_replies` FOREIGN KEY (`parent_id`) REFERENCES `comments` (`id`) ON DELETE SET NULL);
-- Create index "comment_api_id_created_at" to table: "comments"
CREATE INDEX `comment_api_id_created_at` ON `comments` (`api_id`, `created_at`);
-- Create "oauth_consents" table
CREATE TABLE `oauth_consents` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `client_id` text NOT NULL, `scopes` json NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `oauth_consents_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE);
-- Create index "oauthconsent_user_id_client_id" to table: "oauth_consents"
CREATE UNIQUE INDEX `oauthconsent_user_id_client_id` ON `oauth_consents` (`user_id`, `client_id`);
-- Create "oauth_sessions" table
CREATE TABLE `oauth_sessions` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `signature_hash` text NOT NULL, `request_id` text NOT NULL, `client_id` text NOT NULL, `subject` text NOT NULL DEFAULT (''), `jti` text NOT NULL DEFAULT (''), `active` bool NOT NULL DEFAULT (true), `expires_at` datetime NOT NULL, `request` text NOT NULL, PRIMARY KEY (`id`));
-- Create index "oauthsession_kind_signature_hash" to table: "oauth_sessions"
CREATE UNIQUE INDEX `oauthsession_kind_signature_hash` ON `oauth_sessions` (`kind`, `signature_hash`);
-- Create index "oauthsession_request_id" to table: "oauth_sessions"
CREATE INDEX `oauthsession_request_id` ON `oauth_sessions` (`request_id`);
-- Create index "oauthsession_expires_at" to table: "oauth_sessions"
CREATE INDEX `oauthsession_expires_at` ON `oauth_sessions` (`expires_at`);
-- Create "ratings" table
CREATE TABLE `ratings` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `stars` integer NOT NULL, `api_id` uuid NOT NULL, `user_id` uuid NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `ratings_apis_api` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE, CONSTRAINT `ratings_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE);
-- Create index "rating_api_id_user_id" to table: "ratings"
CREATE UNIQUE INDEX `rating_api_id_user_id` ON `ratings` (`api_id`, `user_id`);
-- Create "stored_files" table
CREATE TABLE `stored_files` (`id` uuid NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `organization_id` uuid NOT NULL, `name` text NOT NULL DEFAULT (''), `content_type` text NOT NULL, `size` integer NOT NULL, `sha256` text NOT NULL DEFAULT (''), `data` blob NOT NULL, PRIMARY KEY (`id`));
-- Create "api_categories" table
CREATE TABLE `api_categories` (`api_id` uuid NOT NULL, `category_id` uuid NOT NULL, PRIMARY KEY (`api_id`, `category_id`), CONSTRAINT `api_categories_api_id` FOREIGN KEY (`api_id`) REFERENCES `apis` (`id`) ON DELETE CASCADE, CONSTRAINT `api_categories_category_id` FOREIGN KEY (`category_id`) REFERENCES `categories` (`id`) ON DELETE CASCADE);
-- Enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

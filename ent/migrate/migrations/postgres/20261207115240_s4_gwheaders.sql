-- Drop index "analytics_events_request_id_key" from table: "analytics_events"
DROP INDEX "analytics_events_request_id_key";

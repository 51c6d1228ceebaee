-- The alert rule kind 'unreconciled': a final business day of a journal integration still not
-- matched in its target, threshold hours after it became final. Reconciliation itself is computed
-- on demand and stores nothing.
ALTER TABLE alert_rules DROP CONSTRAINT alert_rules_kind_check;
ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_kind_check CHECK (kind IN ('consecutive_failures', 'error_rate',
    'completion_time', 'credentials', 'data_stopped', 'backlog', 'unreconciled'));

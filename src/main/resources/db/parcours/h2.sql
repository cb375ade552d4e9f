-- Parcours's additions to Camunda's schema (H2, the embedded default), applied by the application
-- after the engine created or updated its schema. See postgres.sql for the reasons. Idempotent.
CREATE INDEX IF NOT EXISTS PARCOURS_IDX_VARIABLE_TEXT ON ACT_RU_VARIABLE (TEXT_);

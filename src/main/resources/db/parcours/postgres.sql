-- Parcours's additions to Camunda's schema (PostgreSQL). Applied after Camunda's own scripts by
-- docker/schema.sh (production) and by the application when the engine manages the schema itself
-- (camunda.bpm.database.schema-update=true: tests, throw-away databases). Idempotent.

-- « One open pathway per person and département » (validation/CaseAdmission) looks the running
-- pathways up by the value of the variable personRef. Camunda indexes no variable value: without
-- this index every referral reads the variables of every open case (81-85 ms at 15,000 open
-- cases, linear in their number; docs/benchmarks.md). A hash index: equality is the only use, and
-- unlike a B-tree it takes any value length (TEXT_ holds up to 4,000 characters).
CREATE INDEX IF NOT EXISTS PARCOURS_IDX_VARIABLE_TEXT ON ACT_RU_VARIABLE USING hash (TEXT_);

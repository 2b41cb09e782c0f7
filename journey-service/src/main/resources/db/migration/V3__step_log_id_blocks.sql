-- Step log ids are handed out in blocks of 50 (Hibernate's pooled sequence), so a runner batch inserts its steps in
-- JDBC batches instead of one round trip per row. Rows inserted by SQL (early exits) still take nextval.
ALTER SEQUENCE instance_step_log_id_seq INCREMENT BY 50;

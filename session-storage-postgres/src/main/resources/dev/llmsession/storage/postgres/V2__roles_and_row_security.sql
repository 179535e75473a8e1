-- V2: the two documented roles (docs/team.md). A machine logs in as a role named after it, member of
-- llm_session_writer: it reads everything and inserts or updates only rows whose machine is its own login.
-- llm_session_viewer only reads. The owner (who migrates) is not subject to these policies.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'llm_session_writer') THEN
        CREATE ROLE llm_session_writer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'llm_session_viewer') THEN
        CREATE ROLE llm_session_viewer NOLOGIN;
    END IF;
END
$$;

GRANT SELECT ON team_session, team_sample, team_usage, team_schema_version TO llm_session_viewer, llm_session_writer;
GRANT INSERT, UPDATE ON team_session, team_sample, team_usage TO llm_session_writer;

ALTER TABLE team_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_sample ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_usage ENABLE ROW LEVEL SECURITY;

CREATE POLICY team_session_read ON team_session FOR SELECT TO llm_session_viewer, llm_session_writer USING (true);
CREATE POLICY team_session_insert ON team_session FOR INSERT TO llm_session_writer
    WITH CHECK (machine = current_user);
CREATE POLICY team_session_update ON team_session FOR UPDATE TO llm_session_writer
    USING (machine = current_user) WITH CHECK (machine = current_user);

CREATE POLICY team_sample_read ON team_sample FOR SELECT TO llm_session_viewer, llm_session_writer USING (true);
CREATE POLICY team_sample_insert ON team_sample FOR INSERT TO llm_session_writer
    WITH CHECK (machine = current_user);
CREATE POLICY team_sample_update ON team_sample FOR UPDATE TO llm_session_writer
    USING (machine = current_user) WITH CHECK (machine = current_user);

CREATE POLICY team_usage_read ON team_usage FOR SELECT TO llm_session_viewer, llm_session_writer USING (true);
CREATE POLICY team_usage_insert ON team_usage FOR INSERT TO llm_session_writer
    WITH CHECK (machine = current_user);
CREATE POLICY team_usage_update ON team_usage FOR UPDATE TO llm_session_writer
    USING (machine = current_user) WITH CHECK (machine = current_user);

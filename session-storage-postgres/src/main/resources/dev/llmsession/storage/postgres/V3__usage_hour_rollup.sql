-- V3: usage summed per machine, user, assistant, project, model and UTC hour, kept up to date by a trigger on
-- team_usage (each insert or replacement adds its difference), so that daily, weekly and monthly reports in any
-- zone whose offset is a whole number of hours read one row per hour instead of one per session and quarter hour.
-- first_at and last_at are the envelope of the calls ever summed in (a replaced slice never narrows them).
CREATE TABLE team_usage_hour (
    machine         text             NOT NULL,
    login_user      text             NOT NULL,
    assistant       text             NOT NULL,
    project         text             NOT NULL,
    model           text             NOT NULL,
    hour            timestamptz      NOT NULL,
    first_at        timestamptz      NOT NULL,
    last_at         timestamptz      NOT NULL,
    calls           bigint           NOT NULL,
    input           bigint           NOT NULL,
    output          bigint           NOT NULL,
    cache_write     bigint           NOT NULL,
    cache_read      bigint           NOT NULL,
    priced_cost_usd double precision NOT NULL,
    unpriced_calls  bigint           NOT NULL,
    PRIMARY KEY (machine, login_user, assistant, project, model, hour)
);
CREATE INDEX team_usage_hour_by_hour ON team_usage_hour (hour);

INSERT INTO team_usage_hour SELECT machine, login_user, assistant, project, model, date_trunc('hour', slot, 'UTC'),
       MIN(first_at), MAX(last_at), SUM(calls), SUM(input), SUM(output), SUM(cache_write), SUM(cache_read),
       SUM(priced_cost_usd), SUM(unpriced_calls)
FROM team_usage GROUP BY machine, login_user, assistant, project, model, date_trunc('hour', slot, 'UTC');

-- Runs as the owner (SECURITY DEFINER): a machine's writer role changes the rollup only through its own rows.
CREATE FUNCTION team_usage_roll_up() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        UPDATE team_usage_hour SET calls = calls - OLD.calls, input = input - OLD.input, output = output - OLD.output,
               cache_write = cache_write - OLD.cache_write, cache_read = cache_read - OLD.cache_read,
               priced_cost_usd = priced_cost_usd - OLD.priced_cost_usd,
               unpriced_calls = unpriced_calls - OLD.unpriced_calls
         WHERE machine = OLD.machine AND login_user = OLD.login_user AND assistant = OLD.assistant
           AND project = OLD.project AND model = OLD.model AND hour = date_trunc('hour', OLD.slot, 'UTC');
    END IF;
    INSERT INTO team_usage_hour VALUES (NEW.machine, NEW.login_user, NEW.assistant, NEW.project, NEW.model,
           date_trunc('hour', NEW.slot, 'UTC'), NEW.first_at, NEW.last_at, NEW.calls, NEW.input, NEW.output,
           NEW.cache_write, NEW.cache_read, NEW.priced_cost_usd, NEW.unpriced_calls)
    ON CONFLICT (machine, login_user, assistant, project, model, hour) DO UPDATE SET
           first_at = LEAST(team_usage_hour.first_at, excluded.first_at),
           last_at = GREATEST(team_usage_hour.last_at, excluded.last_at),
           calls = team_usage_hour.calls + excluded.calls, input = team_usage_hour.input + excluded.input,
           output = team_usage_hour.output + excluded.output,
           cache_write = team_usage_hour.cache_write + excluded.cache_write,
           cache_read = team_usage_hour.cache_read + excluded.cache_read,
           priced_cost_usd = team_usage_hour.priced_cost_usd + excluded.priced_cost_usd,
           unpriced_calls = team_usage_hour.unpriced_calls + excluded.unpriced_calls;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION team_usage_roll_up() FROM PUBLIC;

CREATE TRIGGER team_usage_roll_up AFTER INSERT OR UPDATE ON team_usage
    FOR EACH ROW EXECUTE FUNCTION team_usage_roll_up();

GRANT SELECT ON team_usage_hour TO llm_session_viewer, llm_session_writer;

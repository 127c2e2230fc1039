-- The run history table (-Dhistory.url=jdbc:postgresql://...), applied at first use; idempotent.
-- One row per run: the figures Grafana charts as plain columns, the whole stats.json beside them.
CREATE TABLE IF NOT EXISTS loadbearing_runs (
  simulation            text             NOT NULL,
  run_folder            text             NOT NULL,
  started_at            timestamptz      NOT NULL,
  git_commit            text,
  shape                 text             NOT NULL,
  request_count         bigint           NOT NULL,
  ko_percent            double precision NOT NULL,
  p50_ms                bigint           NOT NULL,
  p95_ms                bigint           NOT NULL,
  p99_ms                bigint           NOT NULL,
  mean_requests_per_sec double precision NOT NULL,
  stats                 jsonb            NOT NULL,
  recorded_at           timestamptz      NOT NULL DEFAULT now(),
  PRIMARY KEY (simulation, run_folder)
);
CREATE INDEX IF NOT EXISTS loadbearing_runs_newest ON loadbearing_runs (simulation, started_at DESC);

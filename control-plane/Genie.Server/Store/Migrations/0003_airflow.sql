-- What the Airflow backend needs to remember: which DAG file each job version became, and how far each
-- airflow run got on the Airflow side.

create table dag_publications (
    job_id       bigint      not null references jobs (id),
    version      integer     not null,
    dag_id       text        not null,
    file_name    text        not null,
    source_hash  text        not null,
    published_at timestamptz not null,
    -- Set once Airflow's API shows the DAG with this version's hash tag.
    parsed_at    timestamptz,
    -- The last line of Airflow's traceback while the file fails to import.
    import_error text,
    primary key (job_id, version)
);

alter table runs add column external_state text;
alter table runs add column triggered_at timestamptz;
-- A retry of an airflow run asks Airflow to clear tasks once: `failed` or `all`.
alter table runs add column pending_clear text;

-- The reason Genie's Airflow listener sent for a failed try (what its pod said). Airflow's REST API, which the run's
-- driver mirrors, does not have it, and the listener's event may come before the driver has seen the try or after it
-- ended it, so it is kept here and written onto the attempt by whichever comes second.
create table airflow_failure_reasons (
    run_id      uuid        not null,
    task_name   text        not null,
    replica     integer     not null,
    attempt     integer     not null,
    reason      text        not null,
    received_at timestamptz not null,
    primary key (run_id, task_name, replica, attempt),
    foreign key (run_id, task_name, replica) references run_tasks (run_id, task_name, replica) on delete cascade
);

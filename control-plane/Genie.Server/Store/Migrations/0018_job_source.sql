-- Which source (a GitOps directory, named by the applier) manages a job: `apply --prune` deletes only jobs of its own
-- source that are no longer in it, never jobs applied by hand or from another directory.
alter table jobs add column source text;

create index jobs_live_source_idx on jobs (namespace, source, name) where deleted_at is null and source is not null;

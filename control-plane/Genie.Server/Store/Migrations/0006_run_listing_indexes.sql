-- Listing a namespace's runs by state (GET /namespaces/{ns}/runs?state=...): without this, a rare state such as
-- skipped walked runs_namespace_created_idx through tens of thousands of other runs to fill one page.
-- (The job filter needs no index of its own: it is matched by job_id, which runs_job_created_idx serves.)
create index runs_namespace_state_created_idx on runs (namespace, state, created_at desc, id desc);

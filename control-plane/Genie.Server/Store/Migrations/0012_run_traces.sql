-- The trace a run belongs to: the trace id of the span that triggered it (what the portal links to a tracing UI by)
-- and that span's id (what the run's later spans, admission and attempts, hang under). Null for runs from before
-- tracing and runs triggered outside any span.
alter table runs add column trace_id text, add column trace_span_id text;

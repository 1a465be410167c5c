using Genie.Server.Executors.Airflow;
using Genie.Server.Scheduling;
using Genie.Server.Store;
using Microsoft.AspNetCore.Mvc;

namespace Genie.Server.Api;

/// <summary>
/// What deleting a job needs, taken as one `[AsParameters]` bundle so the handler's signature lists only what the
/// request carries (applying goes through <see cref="Jobs.JobApplication"/>).
/// </summary>
/// <param name="Dags">Null when this server has no Airflow backend: there is no DAG to withdraw then.</param>
public readonly record struct JobServices(
    [FromServices] JobStore Store,
    [FromServices] ScheduleSync Schedules,
    [FromServices] DagPublication? Dags);

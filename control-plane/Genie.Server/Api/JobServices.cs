using Genie.Core.Specs;
using Genie.Server.Executors.Airflow;
using Genie.Server.Scheduling;
using Genie.Server.Secrets;
using Genie.Server.Store;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Genie.Server.Api;

/// <summary>
/// What the job handlers that write need, taken as one `[AsParameters]` bundle so their signatures list only
/// what the request carries.
/// </summary>
/// <param name="Dags">Null when this server has no Airflow backend: there is no DAG to withdraw then.</param>
public readonly record struct JobServices(
    [FromServices] JobStore Store,
    [FromServices] IOptions<SpecLimits> Limits,
    [FromServices] IOptions<GenieOptions> Genie,
    [FromServices] ScheduleSync Schedules,
    [FromServices] SecretReferenceCheck SecretReferences,
    [FromServices] DagPublication? Dags);

using Genie.Server.Store;
using Microsoft.AspNetCore.Mvc;

namespace Genie.Server.Scheduling;

/// <summary>What the schedule handlers need, taken as one `[AsParameters]` bundle and handed on as one value.</summary>
public readonly record struct ScheduleServices(
    [FromServices] ScheduleSource Source,
    [FromServices] ScheduleSync Sync,
    [FromServices] SchedulePauseStore Pauses,
    [FromServices] TimeProvider Time);

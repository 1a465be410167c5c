using Genie.Server.Store;
using Microsoft.AspNetCore.Mvc;

namespace Genie.Server.Housekeeping;

/// <summary>What the housekeeping handlers need, taken as one `[AsParameters]` bundle and handed on as one value.</summary>
public readonly record struct HousekeepingServices(
    [FromServices] HousekeepingRunner Runner,
    [FromServices] HousekeepingStatusStore Status,
    [FromServices] HousekeepingSchedule Schedule);

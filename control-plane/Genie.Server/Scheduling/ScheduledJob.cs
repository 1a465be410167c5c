using Genie.Core.Specs;

namespace Genie.Server.Scheduling;

/// <summary>A live job whose current version has a schedule.</summary>
public sealed record ScheduledJob(string Namespace, string Name, ScheduleSpec Schedule);

namespace Genie.Client.Contracts;

/// <summary>A job's cron ticks: how many fired and their lag (actual minus scheduled fire time), largest and mean, in ms.</summary>
public sealed record ScheduleDelayResource(string Namespace, string Job, long Ticks, double? MaxLagMs, double? AvgLagMs);

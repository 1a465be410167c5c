using Genie.Core.Runs;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// One generated run, kept compact because a million of them stay in memory while loading. Its task rows are
/// derived again from <see cref="Seed"/> by whichever writer needs them (<see cref="RunTimeline"/>).
/// </summary>
public readonly record struct ScaleRun(
    Guid Id,
    int JobIndex,
    int JobVersion,
    DateTime CreatedAt,
    RunState State,
    int StopAt,
    ulong Seed);

using Genie.Server.Jobs;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>One version of a generated job: what apply would have recorded, and when.</summary>
public sealed record ScaleJobVersion(int Number, JobSubmission Submission, DateTime CreatedAt);

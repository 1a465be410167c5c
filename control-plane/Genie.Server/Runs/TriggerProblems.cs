using Genie.Client.Contracts;
using Genie.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Runs;

/// <summary>The problem a trigger that made no run answers with, shared by a job's trigger and a group's.</summary>
public static class TriggerProblems
{
    /// <summary>Why <paramref name="outcome"/> has no run; null when it has one.</summary>
    public static ProblemHttpResult? Of(TriggerOutcome outcome) => outcome.Status switch
    {
        TriggerStatus.Created or TriggerStatus.Existing => null,
        TriggerStatus.InvalidParams => ApiProblems.Invalid("The params are invalid",
            outcome.Errors.Select(e => new FieldError("body." + e.Path, e.Message))),
        TriggerStatus.JobNotFound => ApiProblems.NotFound(outcome.Detail!),
        _ => ApiProblems.Status(StatusCodes.Status409Conflict, "Executor unavailable", outcome.Detail!),
    };
}

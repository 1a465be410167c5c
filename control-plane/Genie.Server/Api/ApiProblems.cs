using Genie.Client.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Api;

/// <summary>The RFC 9457 problem responses of the API; 400s carry every `{path, message}` at once.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Invalid(string title, IEnumerable<FieldError> errors) =>
        TypedResults.Problem(
            title: title,
            statusCode: StatusCodes.Status400BadRequest,
            detail: "Fix the errors listed in `errors`; each names the path of what is wrong.",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToList() });

    public static ProblemHttpResult Invalid(string path, string message) =>
        Invalid("The request is invalid", [new FieldError(path, message)]);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound, detail: detail);

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(title: "Precondition failed", statusCode: StatusCodes.Status412PreconditionFailed, detail: detail);

    public static ProblemHttpResult Status(int statusCode, string title, string detail) =>
        TypedResults.Problem(title: title, statusCode: statusCode, detail: detail);
}

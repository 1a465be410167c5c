namespace Genie.Client.Contracts;

/// <summary>An RFC 9457 problem document as Genie sends it, with the list of field errors for 400s.</summary>
public sealed record ApiProblem(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    string? Instance,
    IReadOnlyList<FieldError>? Errors);

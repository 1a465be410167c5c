namespace Genie.Server.Tests.Limits;

/// <summary>What came back for one raw request: a status, or none because the server closed the connection first.</summary>
public sealed record RawHttpAnswer(int? Status, string Head);

namespace Genie.Server.Audit;

/// <summary>How long the audit log keeps its rows (section `Genie:Audit`).</summary>
public sealed class AuditOptions
{
    public const string Section = "Genie:Audit";

    /// <summary>Rows older than this are deleted by the `audit-retention` housekeeping job.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}

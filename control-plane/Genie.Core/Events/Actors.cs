namespace Genie.Core.Events;

/// <summary>
/// Who a change is recorded against. Genie's own parts have fixed names; authenticated callers are named by
/// authentication: `key:{prefix}` for an API key, `jwt:{subject}` for a bearer token's subject.
/// </summary>
public static class Actors
{
    public const string Scheduler = "scheduler";
    public const string Executor = "executor";
    public const string Airflow = "airflow";
    public const string Housekeeping = "housekeeping";

    /// <summary>The actor of an API key, by the public prefix that names it in logs.</summary>
    public static string Key(string prefix) => "key:" + prefix;

    /// <summary>The actor of a bearer token, by its subject.</summary>
    public static string Token(string subject) => "jwt:" + subject;
}

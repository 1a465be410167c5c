using System.Reflection;
using Genie.Server.Access;
using Genie.Server.Secrets;
using Genie.Server.Store;
using Genie.Server.Store.Embedded;
using Microsoft.Extensions.Options;

namespace Genie.Server;

/// <summary>
/// Says in one line why Genie could not start and what to do about it, for a person reading a terminal:
/// no stack trace. Failures Genie foresees carry that line as their message; for any other the line names
/// the exception and how to see where it happened.
/// </summary>
public static class StartupFailure
{
    /// <summary>
    /// The host's log category. Its "Hosting failed to start" entry repeats the failure with a stack trace,
    /// so <see cref="ServerDefaults"/> silences it; lowering it to Error brings the trace back.
    /// </summary>
    public const string HostLogCategory = "Microsoft.Extensions.Hosting";

    /// <summary>What went wrong and what to do, on one line.</summary>
    public static string Describe(Exception exception)
    {
        var failure = Innermost(exception);
        var text = failure switch
        {
            EmbeddedPostgresException or DatabaseUnreachableException or SecretKeyException or AccessConfigurationException => failure.Message,
            IOException when failure.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal) =>
                $"{failure.Message} Stop what uses that address, or give Genie another with --urls " +
                "(`make run ARGS=\"--urls http://127.0.0.1:9000\"`).",
            OptionsValidationException => $"{failure.Message} Correct that setting.",
            InvalidOperationException { InnerException: FormatException } when
                failure.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
                $"{failure.Message} Correct that setting.",
            OperationCanceledException => "it was asked to stop while it was starting.",
            _ => $"{failure.GetType().Name}: {failure.Message} " +
                 $"(to see where it happened, run again with --Logging:LogLevel:{HostLogCategory}=Error).",
        };
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>The failure itself rather than the wrappers the host adds when one service fails.</summary>
    private static Exception Innermost(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Innermost(aggregate.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Innermost(inner),
        _ => exception,
    };
}

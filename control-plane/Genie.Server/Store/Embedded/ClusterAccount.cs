namespace Genie.Server.Store.Embedded;

/// <summary>
/// The operating-system account the embedded cluster's programs run as. PostgreSQL refuses to run as root,
/// so a root Genie runs them as the `postgres` account (Debian's postgresql package creates it); any other
/// user runs them as itself and owns the cluster outright.
/// </summary>
internal static class ClusterAccount
{
    /// <summary>The account a root Genie hands the cluster to.</summary>
    public const string ServiceAccount = "postgres";

    /// <summary>True when the cluster runs as <see cref="ServiceAccount"/> rather than as Genie's own user.</summary>
    public static bool IsServiceAccount { get; } = OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;

    /// <summary>Runs one program of the cluster (initdb, pg_ctl) as the cluster's account.</summary>
    public static Task<HostCommand.Result> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        IsServiceAccount
            ? HostCommand.RunAsync("runuser", ["-u", ServiceAccount, "--", program, .. arguments], cancellationToken)
            : HostCommand.RunAsync(program, arguments, cancellationToken);

    /// <summary>
    /// Fails with what to do when a root Genie has no `postgres` account to run the cluster as; checked
    /// first so that a missing account is not mistaken for a folder it cannot reach.
    /// </summary>
    public static async Task RequireAsync(CancellationToken cancellationToken)
    {
        if (!IsServiceAccount)
        {
            return;
        }

        var exists = await HostCommand.RunAsync("id", ["-u", ServiceAccount], cancellationToken);
        if (!exists.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"Genie runs as root, and PostgreSQL refuses to, so the embedded cluster runs as the `{ServiceAccount}` user, " +
                "which does not exist here: install Debian's `postgresql` package (`make run` does) or run Genie as another user.");
        }
    }

    /// <summary>
    /// Whether the cluster's account can enter <paramref name="folder"/>: every folder above it must let
    /// that account through. Asked of the system itself (`test -x` as that account), so ACLs and group
    /// membership count as they will when PostgreSQL runs.
    /// </summary>
    public static async Task<bool> CanEnterAsync(string folder, CancellationToken cancellationToken) =>
        !IsServiceAccount
        || (await HostCommand.RunAsync("runuser", ["-u", ServiceAccount, "--", "test", "-x", folder], cancellationToken)).Succeeded;

    /// <summary>Gives <paramref name="folder"/> and everything in it to the cluster's account, and to it alone.</summary>
    public static async Task TakeOverAsync(string folder, CancellationToken cancellationToken)
    {
        if (IsServiceAccount)
        {
            var chown = await HostCommand.RunAsync("chown", ["-R", $"{ServiceAccount}:{ServiceAccount}", folder], cancellationToken);
            if (!chown.Succeeded)
            {
                throw new EmbeddedPostgresException(
                    $"Genie runs as root, so the embedded PostgreSQL runs as the `{ServiceAccount}` user, " +
                    $"but giving it {folder} failed ({chown.Output}); choose another Genie:DataDir.");
            }
        }

        // The cluster's log and its password file pass through here: nobody else needs to read them.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

using Genie.Cli.Audit;
using Genie.Cli.Completion;
using Genie.Cli.Contexts;
using Genie.Cli.Jobs;
using Genie.Cli.Output;
using Genie.Cli.Keys;
using Genie.Cli.Runs;
using Genie.Cli.Schedules;
using Genie.Cli.Secrets;
using Spectre.Console.Cli;

namespace Genie.Cli;

/// <summary>Every `genie` command and where it sits; the completion script is derived from this tree too.</summary>
public static class CommandTree
{
    public static void Configure(IConfigurator config)
    {
        config.SetApplicationName("genie");
        config.Settings.Console = Terminal.Out;
        config.Settings.StrictParsing = true;
        config.SetExceptionHandler((exception, _) => ErrorReport.Handle(exception));

        config.AddBranch("context", context =>
        {
            context.SetDescription("Named servers and credentials, in the user's config dir");
            context.AddCommand<SetContextCommand>("set").WithDescription("Add or change a context");
            context.AddCommand<UseContextCommand>("use").WithDescription("Make a context the current one");
            context.AddCommand<ListContextsCommand>("list").WithDescription("List the contexts");
            context.AddCommand<CurrentContextCommand>("current").WithDescription("Print the current context's name");
            context.AddCommand<DeleteContextCommand>("delete").WithDescription("Forget a context");
        });

        config.AddCommand<ApplyCommand>("apply").WithDescription("Apply a spec file or a directory of them");
        config.AddCommand<PlanCommand>("plan").WithDescription("Show what apply would do; exit 2 when something would change");
        config.AddCommand<ValidateCommand>("validate").WithDescription("Validate spec files without storing them");
        config.AddCommand<DagCommand>("dag").WithDescription("Print the Airflow DAG a job version compiles to");

        config.AddCommand<RunCommand>("run").WithDescription("Trigger a run; --wait follows it and exits with its outcome");
        config.AddCommand<LogsCommand>("logs").WithDescription("Print or follow (-f) a task's log");
        config.AddCommand<CancelCommand>("cancel").WithDescription("Cancel a run and its child runs");
        config.AddCommand<RetryCommand>("retry").WithDescription("Run a finished run's failed tasks (or --all) again");
        config.AddCommand<SuspendCommand>("suspend").WithDescription("Stop a run from starting new tasks");
        config.AddCommand<ResumeCommand>("resume").WithDescription("Let a suspended run carry on");

        config.AddBranch("get", get =>
        {
            get.SetDescription("List resources");
            get.AddCommand<GetJobsCommand>("jobs").WithDescription("Live jobs");
            get.AddCommand<GetRunsCommand>("runs").WithDescription("Runs, newest first");
            get.AddCommand<GetVersionsCommand>("versions").WithDescription("A job's versions, newest first");
        });

        config.AddBranch("describe", describe =>
        {
            describe.SetDescription("Show one resource in detail");
            describe.AddCommand<DescribeJobCommand>("job").WithDescription("A job and its definition");
            describe.AddCommand<DescribeRunCommand>("run").WithDescription("A run, its tasks and their attempts");
        });

        config.AddBranch("schedule", schedule =>
        {
            schedule.SetDescription("A job's schedule");
            schedule.AddCommand<ShowScheduleCommand>("show").WithDescription("Cron, zone, paused or not, next fire times");
            schedule.AddCommand<PauseScheduleCommand>("pause").WithDescription("Stop the schedule from firing");
            schedule.AddCommand<ResumeScheduleCommand>("resume").WithDescription("Let a paused schedule fire again");
        });

        config.AddBranch("keys", keys =>
        {
            keys.SetDescription("API keys (cluster admins)");
            keys.AddCommand<ListKeysCommand>("list").WithDescription("Keys by prefix; never the key itself");
            keys.AddCommand<CreateKeyCommand>("create").WithDescription("Create a key; it is printed this once");
            keys.AddCommand<RevokeKeyCommand>("revoke").WithDescription("Revoke a key by its prefix");
        });

        config.AddBranch("secrets", secrets =>
        {
            secrets.SetDescription("A namespace's secrets; values go in and never come out");
            secrets.AddCommand<ListSecretsCommand>("list").WithDescription("Secret names and their keys");
            secrets.AddCommand<SetSecretCommand>("set").WithDescription("Create a secret or replace its values");
            secrets.AddCommand<DeleteSecretCommand>("delete").WithDescription("Delete a secret");
        });

        config.AddCommand<AuditCommand>("audit").WithDescription("The audit log, newest first, by actor, namespace, action and time");
        config.AddCommand<CompletionCommand>("completion").WithDescription("Print a shell completion script: source <(genie completion bash)");
    }
}

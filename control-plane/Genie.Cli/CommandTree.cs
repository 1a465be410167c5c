using Genie.Cli.Contexts;
using Genie.Cli.Jobs;
using Genie.Cli.Output;
using Genie.Cli.Runs;
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
    }
}

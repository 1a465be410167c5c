using System.Text.Json;
using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Executors.Local;
using Genie.Server.Tests.Executors.Local;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>Applies jobs to one namespace of a running app and triggers, inspects and waits for their runs.</summary>
public sealed class JobBench(GenieApp app, string ns)
{
    public GenieClient Client { get; } = app.CreateGenieClient();

    public string Namespace => ns;

    /// <summary>Applies <see cref="JobYaml.Of"/>(name, tasks, settings).</summary>
    public async Task ApplyAsync(string name, string tasks, string settings = "")
    {
        var yaml = JobYaml.Of(name, tasks, settings);
        try
        {
            await Client.ApplyJobAsync(ns, name, yaml);
        }
        catch (GenieApiException e) when (e.Problem.Errors is { } errors)
        {
            throw new ShouldAssertException($"job {name} was rejected:\n{string.Join("\n", errors.Select(x => $"{x.Path}: {x.Message}"))}\n{yaml}", e);
        }
    }

    public Task<RunResource> TriggerAsync(string job, params (string Name, object Value)[] parameters) =>
        Client.TriggerRunAsync(ns, job, new TriggerRunRequest(Params(parameters)));

    /// <summary>Triggers a run and waits until it has finished.</summary>
    public async Task<RunResource> RunAsync(string job, params (string Name, object Value)[] parameters) =>
        await Client.UntilFinishedAsync(await TriggerAsync(job, parameters));

    private static IReadOnlyDictionary<string, JsonElement> Params(params (string Name, object Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(p.Value));

    /// <summary>The directory every task of the run starts in.</summary>
    public string WorkingDirectory(RunResource run) => RunDirectory.Of(app.DataDir, Guid.Parse(run.Id)).WorkingDirectory;

    /// <summary>
    /// The lines tasks appended to `journal` in the run's working directory: a shared file shows the order in
    /// which tasks of a run really did things.
    /// </summary>
    public IReadOnlyList<string> Journal(RunResource run) => File.ReadAllLines(Path.Combine(WorkingDirectory(run), "journal"));

    /// <summary>Puts an empty marker file into the run's working directory, for tasks that test for it.</summary>
    public void Mark(RunResource run, string name) => File.WriteAllText(Path.Combine(WorkingDirectory(run), name), "");

    /// <summary>The stdout texts of an attempt's log, without timestamps.</summary>
    public async Task<IReadOnlyList<string>> StdoutAsync(RunResource run, string task, int replica = 0, int? attempt = null) =>
        LogLine.ParseAll(await Client.GetTaskLogAsync(ns, run.Id, task, replica, attempt)).Where(l => l.Stream == "stdout").Select(l => l.Text).ToList();

    /// <summary>
    /// The process group of an attempt (from the wrapper's pid file), waiting for it briefly: the file is written just
    /// after the attempt is marked running.
    /// </summary>
    public async Task<int> ProcessGroupAsync(RunResource run, string task, int replica = 0, int attempt = 1)
    {
        await using var db = await app.OpenDatabaseAsync();
        var deadline = DateTime.UtcNow + RunPolling.Limit;
        while (true)
        {
            var logPath = await db.ExecuteScalarAsync<string?>(
                "select log_path from task_attempts where run_id = @id and task_name = @task and replica = @replica and attempt = @attempt",
                new { id = Guid.Parse(run.Id), task, replica, attempt });
            if (logPath is not null && AttemptProcessGroup.Of(logPath) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"attempt {attempt} of {task}[{replica}] never got a pid");
            }

            await Task.Delay(50);
        }
    }
}

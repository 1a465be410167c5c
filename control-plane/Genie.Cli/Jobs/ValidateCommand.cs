using Genie.Client.Contracts;

namespace Genie.Cli.Jobs;

/// <summary>`genie validate -f FILE|DIR`: checks specs without storing them; every invalid file's field paths are printed.</summary>
public sealed class ValidateCommand : GenieCommand<SpecFileSettings>
{
    protected override async Task<int> RunAsync(CliSession session, SpecFileSettings settings, CancellationToken cancellationToken)
    {
        var files = await SpecFiles.ReadAsync(settings.File, settings.Name, session.Namespace, cancellationToken);
        var reports = new List<ValidationReport>();
        var worst = ExitCodes.Ok;
        foreach (var file in files)
        {
            try
            {
                reports.Add(await session.Client.ValidateAsync(file.Text, file.MediaType, cancellationToken));
            }
            catch (Genie.Client.GenieApiException e)
            {
                Output.Terminal.Error.Profile.Out.Writer.WriteLine(file.Path + ":");
                worst = Math.Max(worst, ErrorReport.Handle(e));
            }
        }

        session.Output.WriteList(reports,
        [
            new("NAMESPACE", r => r.Namespace),
            new("NAME", r => r.Name),
            new("VALID", r => r.Valid ? "yes" : "no"),
            new("HASH", r => r.ContentHash),
        ]);
        return worst;
    }
}

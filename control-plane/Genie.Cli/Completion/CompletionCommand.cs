using System.ComponentModel;
using System.Text;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Completion;

/// <summary>
/// `genie completion bash`: a bash completion script for every command, subcommand and option, and the values of
/// `-o`. Load it with `source <(genie completion bash)`.
/// </summary>
public sealed class CompletionCommand : AsyncCommand<CompletionCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SHELL>")]
        [Description("bash")]
        public string Shell { get; init; } = "";

        public override Spectre.Console.ValidationResult Validate() =>
            Shell == "bash" ? Spectre.Console.ValidationResult.Success() : Spectre.Console.ValidationResult.Error($"shell `{Shell}` is not supported; bash is");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        OutputWriter.WriteText(Bash(await CommandModel.ReadAsync(cancellationToken)));
        return ExitCodes.Ok;
    }

    private static string Bash(CommandModel model)
    {
        var script = new StringBuilder();
        script.Append("""
            # bash completion for genie: source <(genie completion bash)
            _genie() {
                local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} path="" word i children
                if [[ $prev == -o || $prev == --output ]]; then
                    COMPREPLY=($(compgen -W "table json yaml" -- "$cur")); return
                fi
                for ((i = 1; i < COMP_CWORD; i++)); do
                    word=${COMP_WORDS[i]}
                    children=$(_genie_children "$path")
                    if [[ " $children " == *" $word "* ]]; then path=${path:+$path }$word; fi
                done
                if [[ $cur == -* ]]; then
                    COMPREPLY=($(compgen -W "$(_genie_options "$path")" -- "$cur"))
                else
                    COMPREPLY=($(compgen -W "$(_genie_children "$path")" -- "$cur"))
                fi
            }

            """);
        Function(script, "_genie_children", model.Children);
        Function(script, "_genie_options", model.Options);
        script.Append("complete -F _genie genie\n");
        return script.ToString();
    }

    private static void Function(StringBuilder script, string name, IReadOnlyDictionary<string, IReadOnlyList<string>> words)
    {
        script.Append(name).Append("() {\n    case \"$1\" in\n");
        foreach (var (path, list) in words.Where(w => w.Value.Count > 0).OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            script.Append("        \"").Append(path).Append("\") echo \"").Append(string.Join(' ', list)).Append("\" ;;\n");
        }

        script.Append("    esac\n}\n\n");
    }
}

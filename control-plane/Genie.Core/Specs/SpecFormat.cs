namespace Genie.Core.Specs;

/// <summary>The text format a job spec document is written in.</summary>
public enum SpecFormat
{
    Yaml,
    Json,
}

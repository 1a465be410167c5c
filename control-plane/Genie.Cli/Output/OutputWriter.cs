using System.Text.Json;
using Genie.Client;
using Spectre.Console;

namespace Genie.Cli.Output;

/// <summary>Prints a command's result in the format asked for: a table (or a described object) or the API's JSON, or YAML.</summary>
public sealed class OutputWriter(OutputFormat format)
{
    private static readonly JsonSerializerOptions Indented = new(GenieJson.Options) { WriteIndented = true };

    public OutputFormat Format { get; } = format;

    public bool IsTable => Format == OutputFormat.Table;

    /// <summary>Rows as a table, or the whole list as JSON/YAML.</summary>
    public void WriteList<T>(IReadOnlyList<T> items, IReadOnlyList<Column<T>> columns)
    {
        if (!IsTable)
        {
            WriteData(items);
            return;
        }

        var table = new Table().Border(TableBorder.None);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column.Header, new Style(decoration: Decoration.Bold))).PadLeft(0).PadRight(2));
        }

        foreach (var item in items)
        {
            table.AddRow(columns.Select(c => new Text(c.Cell(item) ?? "")).ToArray<Spectre.Console.Rendering.IRenderable>());
        }

        Terminal.Out.Write(table);
    }

    /// <summary>One object: as key/value lines for people, or as JSON/YAML.</summary>
    public void WriteOne<T>(T item, IReadOnlyList<Column<T>> fields)
    {
        if (!IsTable)
        {
            WriteData(item);
            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var field in fields)
        {
            grid.AddRow(new Text(field.Header + ":", new Style(decoration: Decoration.Bold)), new Text(field.Cell(item) ?? ""));
        }

        Terminal.Out.Write(grid);
    }

    /// <summary>The value as JSON or YAML, whatever the format (tables fall back to YAML for nested data).</summary>
    public void WriteData<T>(T value)
    {
        var element = JsonSerializer.SerializeToElement(value, Indented);
        Terminal.Out.Profile.Out.Writer.Write(Format == OutputFormat.Json
            ? JsonSerializer.Serialize(element, Indented) + Environment.NewLine
            : YamlText.From(element));
    }

    /// <summary>Text as it is (logs, DAG sources), never read as markup.</summary>
    public static void WriteText(string text) => Terminal.Out.Profile.Out.Writer.Write(text);

    public static void WriteLine(string text) => Terminal.Out.Profile.Out.Writer.WriteLine(text);

    /// <summary>A line for people, coloured on a terminal (markup); scripts read JSON/YAML instead.</summary>
    public static void WriteMarkupLine(string markup) => Terminal.Out.MarkupLine(markup);
}

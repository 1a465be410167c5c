namespace Genie.Server.Executors.Airflow.Publishing;

/// <summary>The rules for the name of a published DAG file: one plain `.py` file at the top of the bundle.</summary>
public static class DagFileName
{
    private const string Extension = ".py";

    // Common file systems cap a name at 255 bytes; the folder publisher's temp name adds a prefix and suffix to it.
    private const int MaxBytes = 200;

    /// <summary>Throws <see cref="ArgumentException"/> unless the name can be published as is.</summary>
    public static void Validate(string fileName)
    {
        var problem = ProblemWith(fileName);
        if (problem is not null)
        {
            throw new ArgumentException($"DAG file name '{fileName}' is not valid: {problem}.", nameof(fileName));
        }
    }

    /// <summary>Why a name cannot be published, or null when it can.</summary>
    public static string? ProblemWith(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return "it is empty";
        }

        if (!fileName.EndsWith(Extension, StringComparison.Ordinal) || fileName.Length == Extension.Length)
        {
            return "it must be a name ending in .py";
        }

        if (fileName.IndexOfAny(['/', '\\']) >= 0)
        {
            return "it must not contain a path separator";
        }

        // A leading dot would hide the file from Airflow's listing and could clash with the publisher's temp files.
        if (fileName[0] == '.')
        {
            return "it must not start with a dot";
        }

        if (fileName.Any(char.IsControl) || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return "it must not contain control characters";
        }

        if (System.Text.Encoding.UTF8.GetByteCount(fileName) > MaxBytes)
        {
            return $"it must be at most {MaxBytes} bytes long";
        }

        return null;
    }
}

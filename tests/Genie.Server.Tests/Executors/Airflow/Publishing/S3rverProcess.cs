using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.S3;
using Genie.Server.Executors.Airflow.Publishing;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.Airflow.Publishing;

/// <summary>A real s3rver (from tools/, installed by `make tools`) with one bucket, for the lifetime of a test class.</summary>
public sealed class S3rverProcess : IAsyncLifetime
{
    public const string Bucket = "genie-dags";

    // s3rver's built-in account; it checks request signatures against this key pair.
    private const string AccessKey = "S3RVER";
    private const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "genie-s3rver-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _output = new();
    private Process? _process;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Publishing options that point at this server's bucket.</summary>
    public DagPublishingOptions OptionsWithPrefix(string prefix) => new()
    {
        Kind = DagBundleKind.S3,
        Bucket = Bucket,
        Prefix = prefix,
        ServiceUrl = ServiceUrl,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
    };

    /// <summary>A plain SDK client on the same bucket, to read back what a publisher wrote.</summary>
    public AmazonS3Client CreateClient() => DagBucketClient.Create(OptionsWithPrefix(""));

    public async Task InitializeAsync()
    {
        var executable = Path.Combine(RepositoryFiles.Root, "tools", "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing; run `make tools`.");
        }

        Directory.CreateDirectory(_directory);
        var port = FreeLoopbackPort();
        ServiceUrl = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--address", "127.0.0.1", "--port", port.ToString(), "--directory", _directory, "--silent", "--configure-bucket", Bucket })
        {
            info.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilBucketAnswersAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task WaitUntilBucketAnswersAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await client.ListObjectsV2Async(new() { BucketName = Bucket, MaxKeys = 1 });
                return;
            }
            catch (Exception e) when (e is AmazonS3Exception or HttpRequestException or IOException or Amazon.Runtime.AmazonServiceException)
            {
                if (_process!.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"s3rver did not serve bucket {Bucket} at {ServiceUrl}: {e.Message}\n{Output}", e);
                }
            }

            await Task.Delay(100);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }
}

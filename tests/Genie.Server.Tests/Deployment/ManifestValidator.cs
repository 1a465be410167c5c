using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Deployment;

/// <summary>
/// charts/check/validate-manifests.mjs: every object against the Kubernetes schema of its API (kubernetes-models) or its
/// CRD's schema (charts/check/schemas), strictly. Needs node and `make helm` (which installs the validators too).
/// </summary>
public static class ManifestValidator
{
    private static string CheckDir => Path.Combine(RepositoryFiles.Root, "charts", "check");

    /// <summary>
    /// Validates manifests given as YAML text for a Kubernetes release (by default the oldest the chart supports); the
    /// exit code is 0 only when nothing is wrong.
    /// </summary>
    public static Task<ToolResult> ValidateAsync(string yaml, string? kubeVersion = null)
    {
        if (!Directory.Exists(Path.Combine(CheckDir, "node_modules", "kubernetes-models")))
        {
            throw new InvalidOperationException($"the validators are not installed in {CheckDir}; run `make helm` (part of `make deps`).");
        }

        var node = new ExternalTool("node", "install node (the Makefile expects it on PATH)");
        return node.RunAsync(
            [Path.Combine(CheckDir, "validate-manifests.mjs"), "--kube-version", kubeVersion ?? Helm.KubeVersion[..Helm.KubeVersion.LastIndexOf('.')], "-"],
            standardInput: yaml);
    }
}

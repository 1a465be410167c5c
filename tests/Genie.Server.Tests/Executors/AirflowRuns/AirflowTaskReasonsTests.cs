using Genie.Server.Executors.Airflow;
using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Tests.Executors.AirflowRuns;

/// <summary>How a mirrored task's reason is written, and what Genie keeps of a reason the listener sends.</summary>
public sealed class AirflowTaskReasonsTests
{
    [Fact]
    public void A_pod_reason_is_added_only_to_a_failed_try()
    {
        AirflowTaskReasons.Mirrored(AirflowTaskState.Failed, "OOMKilled, exit code 137").ShouldBe("airflow: Failed: OOMKilled, exit code 137");
        AirflowTaskReasons.Mirrored(AirflowTaskState.UpForRetry, "exit code 1").ShouldBe("airflow: UpForRetry: exit code 1");
        AirflowTaskReasons.Mirrored(AirflowTaskState.Running, "exit code 1").ShouldBe("airflow: Running");
        AirflowTaskReasons.Mirrored(null).ShouldBe("airflow: no status");
        AirflowTaskReasons.PlainFailedTry.ShouldBe(["airflow: Failed", "airflow: UpForRetry"]);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" \n\t ", null)]
    [InlineData("  OOMKilled, exit code 137  ", "OOMKilled, exit code 137")]
    [InlineData("exit code 3:\r\ncould not\u0000 connect", "exit code 3: could not connect")]
    public void A_listener_reason_is_kept_as_one_clean_line(string? sent, string? kept) =>
        AirflowTaskReasons.Normalize(sent).ShouldBe(kept);

    [Fact]
    public void Half_a_surrogate_pair_which_postgresql_could_not_store_is_replaced() =>
        AirflowTaskReasons.Normalize("half a pair \ud800 here").ShouldBe("half a pair \ufffd here");

    [Fact]
    public void A_long_reason_is_cut_with_an_ellipsis_and_never_inside_a_character()
    {
        var max = AirflowTaskReasons.MaxPodReasonLength;
        AirflowTaskReasons.Normalize(new string('x', max)).ShouldBe(new string('x', max));

        var cut = AirflowTaskReasons.Normalize(new string('x', max + 1))!;
        cut.Length.ShouldBe(max);
        cut.ShouldEndWith("…");

        // A pair that would straddle the cut goes as a whole.
        var emoji = AirflowTaskReasons.Normalize(new string('x', max - 2) + "😀😀")!;
        emoji.ShouldBe(new string('x', max - 2) + "…");
    }
}

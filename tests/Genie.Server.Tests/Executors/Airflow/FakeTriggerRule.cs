namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Airflow's trigger rules as `airflow-core/src/airflow/ti_deps/deps/trigger_rule_dep.py` evaluates them for the
/// scheduler (`flag_upstream_failed`): the counts are over the direct upstream task instances (every map index of a
/// mapped upstream task), a rule first decides whether the instance becomes skipped or upstream_failed, then
/// whether it may run. A task without upstream tasks always may. Genie's DAGs have no setup tasks, so
/// `all_done_setup_success` is `all_done`.
/// </summary>
internal static class FakeTriggerRule
{
    public static FakeTriggerDecision Decide(string rule, IReadOnlyCollection<string?> upstreamStates)
    {
        var upstream = upstreamStates.Count;
        if (upstream == 0 || rule == "always")
        {
            return FakeTriggerDecision.Run;
        }

        var success = upstreamStates.Count(s => s == "success");
        var skipped = upstreamStates.Count(s => s == "skipped");
        var failed = upstreamStates.Count(s => s == "failed");
        var upstreamFailed = upstreamStates.Count(s => s == "upstream_failed");
        var removed = upstreamStates.Count(s => s == "removed");
        var done = success + skipped + failed + upstreamFailed + removed;
        var allDone = done >= upstream;
        var anyFailed = failed + upstreamFailed > 0;
        var runWhen = (bool ready) => ready ? FakeTriggerDecision.Run : FakeTriggerDecision.Wait;
        return rule switch
        {
            "all_success" => anyFailed ? FakeTriggerDecision.UpstreamFailed
                : skipped > 0 ? FakeTriggerDecision.Skip
                : runWhen(success == upstream),
            "all_failed" => success + skipped > 0 ? FakeTriggerDecision.Skip : runWhen(failed + upstreamFailed == upstream),
            "all_done" or "all_done_setup_success" => runWhen(allDone),
            "all_skipped" => success + failed + upstreamFailed > 0 ? FakeTriggerDecision.Skip : runWhen(skipped == upstream),
            "one_success" => allDone && done == skipped ? FakeTriggerDecision.Skip
                : allDone && success == 0 ? FakeTriggerDecision.UpstreamFailed
                : runWhen(success > 0),
            "one_failed" => allDone && !anyFailed ? FakeTriggerDecision.Skip : runWhen(anyFailed),
            "one_done" => allDone && failed + success == 0 ? FakeTriggerDecision.Skip : runWhen(failed + success > 0),
            "none_failed" => anyFailed ? FakeTriggerDecision.UpstreamFailed : runWhen(upstream - success - skipped == 0),
            "none_failed_min_one_success" => anyFailed ? FakeTriggerDecision.UpstreamFailed
                : skipped == upstream ? FakeTriggerDecision.Skip
                : runWhen(upstream - success - skipped == 0),
            "none_skipped" => skipped > 0 ? FakeTriggerDecision.Skip : runWhen(allDone),
            "all_done_min_one_success" => skipped > 0 ? FakeTriggerDecision.Skip
                : done >= upstream && success == 0 ? FakeTriggerDecision.UpstreamFailed
                : runWhen(done >= upstream),
            _ => throw new InvalidOperationException($"Airflow has no trigger rule '{rule}'"),
        };
    }
}

using Genie.Server.Notifications;
using Genie.Server.Store;
using Genie.Server.Telemetry;

namespace Genie.Server.Runs.Transitions;

/// <summary>
/// The one door through which runs, task instances and attempts change state (as Hangfire's state changer is
/// for its jobs). A caller opens a <see cref="StateTransaction"/> on behalf of an actor, makes its moves through
/// it (each checked against Genie.Core's transition tables, written with its event in the same transaction), and
/// after commit the changer applies what the moves ask for: executors are woken once per run, and Genie's meter
/// counts the moves (only committed ones: a rolled-back transaction never reaches it).
/// </summary>
public sealed class StateChanger(
    UnitOfWork unitOfWork,
    StateStore states,
    RunNotifications notifications,
    RunSignal signal,
    GenieInstruments instruments,
    TimeProvider time,
    ILogger<StateChanger> logger)
{
    /// <summary>Runs <paramref name="work"/> in one transaction as <paramref name="actor"/>, commits, then applies its effects.</summary>
    public async Task<T> RunAsync<T>(string actor, Func<StateTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var (result, effects) = await RunDeferredAsync(actor, work, cancellationToken);
        effects.Apply(signal);
        return result;
    }

    /// <summary>
    /// The same, but the caller applies the effects itself (<see cref="Apply"/>) when it has something to do first:
    /// the local executor frees the attempt's slot before waking the run that will reuse it.
    /// </summary>
    public async Task<(T Result, StateEffects Effects)> RunDeferredAsync<T>(
        string actor, Func<StateTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        StateEffects? effects = null;
        var result = await unitOfWork.InTransactionAsync(async tx =>
        {
            var transaction = new StateTransaction(tx, actor, states, notifications, time, logger);
            var value = await work(transaction);

            // All of a transaction's events in one statement: a hand-off writes several, and each used to cost a round trip.
            await EventOutbox.AppendAsync(tx, transaction.Events, cancellationToken);
            effects = transaction.Effects;
            return value;
        }, cancellationToken);
        instruments.Observe(effects!.Observations);
        return (result, effects);
    }

    public void Apply(StateEffects effects) => effects.Apply(signal);
}

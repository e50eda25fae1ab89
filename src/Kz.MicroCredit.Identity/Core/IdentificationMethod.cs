using System.Diagnostics;
using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The base of every identification method: derive, give an <see cref="Id"/> and override
/// <see cref="EvaluateCoreAsync"/>. The base stamps times and evidence, traces and counts, and fails closed: an exception
/// or an internal timeout becomes Indeterminate, never Verified. A method evaluates evidence only; a decision comes from a
/// policy (to use one method alone, wrap it: <c>method.AsBorrowerIdentifier()</c>).
/// </summary>
public abstract class IdentificationMethod : IIdentificationMethod
{
    /// <summary>Initializes a new instance of the <see cref="IdentificationMethod"/> class.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; <see langword="null"/> for none.</param>
    protected IdentificationMethod(TimeProvider timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public abstract IdentificationMethodId Id { get; }

    /// <summary>Gets the clock.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>Gets the logger.</summary>
    protected ILogger Logger { get; }

    /// <inheritdoc />
    public async Task<MethodOutcome> EvaluateAsync(BorrowerIdentificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using Activity? activity = IdentificationDiagnostics.ActivitySource.StartActivity("kzid.method " + Id.Value);
        activity?.SetTag("kzid.method", Id.Value);
        DateTimeOffset started = TimeProvider.GetUtcNow();
        long startTicks = TimeProvider.GetTimestamp();
        var context = new MethodEvaluationContext(request, new MethodEvidenceBuilder(), TimeProvider);
        MethodVerdict verdict;
        try
        {
            verdict = await EvaluateCoreAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            Log.MethodTimedOut(Logger, Id.Value, request.CorrelationId);
            verdict = MethodVerdict.Indeterminate(ReasonCode.Timeout);
        }
        catch (StateStoreUnavailableException ex)
        {
            // A shared store that cannot be read or changed leaves the outcome open: never Verified, nothing counted.
            Log.MethodFailed(Logger, Id.Value, request.CorrelationId, ex.GetType().Name);
            verdict = MethodVerdict.Indeterminate(ReasonCode.StateStoreUnavailable);
        }
#pragma warning disable CA1031 // Fail closed: any fault of a method is an Indeterminate outcome, not a crash of the policy.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MethodFailed(Logger, Id.Value, request.CorrelationId, ex.GetType().Name);
            activity?.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection { { "exception.type", ex.GetType().FullName } }));
            verdict = MethodVerdict.Indeterminate(ReasonCode.InternalError);
        }

        DateTimeOffset completed = TimeProvider.GetUtcNow();
        var outcome = new MethodOutcome(Id, verdict.Status, verdict.Reasons, verdict.IsVeto, context.Evidence.Build(), started, completed);
        string status = IdentificationStatusNames.Of(outcome.Status);
        activity?.SetTag("kzid.status", status);
        string reason = ReasonTags.Of(outcome.Reasons);
        if (outcome.Status == IdentificationStatus.Indeterminate)
        {
            activity?.SetStatus(ActivityStatusCode.Error, reason);
        }

        if (outcome.IsVeto)
        {
            activity?.AddEvent(new ActivityEvent("kzid.veto", tags: new ActivityTagsCollection { { "kzid.method", Id.Value }, { "kzid.reason", reason } }));
        }

        var tags = new TagList { { "kzid.method", Id.Value }, { "kzid.status", status }, { "kzid.reason", reason } };
        IdentificationDiagnostics.MethodOutcomes.Add(1, tags);
        IdentificationDiagnostics.MethodDuration.Record(TimeProvider.GetElapsedTime(startTicks).TotalSeconds, tags);
        Log.MethodCompleted(Logger, Id.Value, request.CorrelationId, status, outcome.IsVeto, string.Join(",", outcome.Reasons));
        return outcome;
    }

    /// <summary>Evaluates the evidence. Throwing is allowed (it becomes Indeterminate) but typed verdicts are better.</summary>
    /// <param name="context">The request and the evidence builder.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The verdict.</returns>
    protected abstract Task<MethodVerdict> EvaluateCoreAsync(MethodEvaluationContext context, CancellationToken cancellationToken);
}

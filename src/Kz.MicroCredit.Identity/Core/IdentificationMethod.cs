using System.Diagnostics;
using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The base of every identification method: derive, give an <see cref="Id"/> and override
/// <see cref="EvaluateCoreAsync"/>. The base stamps times and evidence, traces and counts, and fails closed: an exception
/// or an internal timeout becomes Indeterminate, never Verified.
/// </summary>
public abstract class IdentificationMethod : IIdentificationMethod, IBorrowerIdentifier
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

    /// <summary>Gets or sets the factory used by <see cref="IdentifyAsync"/> for single-method reports.</summary>
    public EvidenceReportFactory ReportFactory { get; set; } = EvidenceReportFactory.Default;

    private SingleMethodIdentifier? _single;

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
        string status = EvidenceReportFactory.StatusName(outcome.Status);
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

    /// <summary>Identifies the borrower with this method alone (a one-requirement policy named after the method).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result; a method that is not applicable gives Rejected with <see cref="ReasonCode.EvidenceMissing"/>.</returns>
    public Task<IdentificationResult> IdentifyAsync(BorrowerIdentificationRequest request, CancellationToken cancellationToken = default)
    {
        // One single-method identifier per method instance, rebuilt only when ReportFactory is replaced. A race builds
        // two equivalent identifiers; either may win.
        SingleMethodIdentifier? cached = Volatile.Read(ref _single);
        if (cached is null || !ReferenceEquals(cached.Factory, ReportFactory))
        {
            EvidenceReportFactory factory = ReportFactory;
            cached = new SingleMethodIdentifier(factory, new PolicyBorrowerIdentifier(IdentificationPolicy.ForMethod(Id), [this], factory, Logger));
            Volatile.Write(ref _single, cached);
        }

        return cached.Identifier.IdentifyAsync(request, cancellationToken);
    }

    /// <summary>Evaluates the evidence. Throwing is allowed (it becomes Indeterminate) but typed verdicts are better.</summary>
    /// <param name="context">The request and the evidence builder.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The verdict.</returns>
    protected abstract Task<MethodVerdict> EvaluateCoreAsync(MethodEvaluationContext context, CancellationToken cancellationToken);

    private sealed record SingleMethodIdentifier(EvidenceReportFactory Factory, PolicyBorrowerIdentifier Identifier);
}

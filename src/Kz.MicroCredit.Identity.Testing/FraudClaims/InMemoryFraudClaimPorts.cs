using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>One call a fake port received.</summary>
/// <param name="Port">The port: <c>loan-servicing</c>, <c>credit-bureau</c>, <c>law-enforcement</c> or <c>evidence-lookup</c>.</param>
/// <param name="Operation">The operation, e.g. <c>SuspendInterestAccrual</c>.</param>
/// <param name="Key">The claim id (the correlation id for the evidence lookup).</param>
/// <param name="IdempotencyKey">The step's idempotency key, when the call carries one.</param>
/// <param name="Bureau">The bureau, for credit-bureau calls.</param>
public sealed record FraudClaimPortCall(string Port, string Operation, string Key, string? IdempotencyKey, CreditBureaus? Bureau = null);

/// <summary>Records the calls of all fake ports of one <see cref="InMemoryFraudClaimPorts"/>, in order; can fail operations on demand.</summary>
public sealed class FraudClaimPortRecorder
{
    private readonly List<FraudClaimPortCall> _calls = [];
    private readonly Lock _lock = new();

    /// <summary>Gets or sets a hook that may return an exception to throw instead of completing an operation (by operation name).</summary>
    public Func<string, Exception?>? FailOn { get; set; }

    /// <summary>Gets a snapshot of the calls so far.</summary>
    public IReadOnlyList<FraudClaimPortCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>Counts the calls of an operation.</summary>
    /// <param name="operation">The operation name.</param>
    /// <returns>The count.</returns>
    public int Count(string operation) => Calls.Count(c => string.Equals(c.Operation, operation, StringComparison.Ordinal));

    /// <summary>Forgets the calls so far.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _calls.Clear();
        }
    }

    internal Task RecordAsync(FraudClaimPortCall call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (FailOn?.Invoke(call.Operation) is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            _calls.Add(call);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A fake loan-servicing system that records its calls.</summary>
public sealed class InMemoryLoanServicing : ILoanServicing
{
    private readonly FraudClaimPortRecorder _recorder;

    /// <summary>Initializes a new instance of the <see cref="InMemoryLoanServicing"/> class.</summary>
    /// <param name="recorder">The recorder; a new one when null.</param>
    public InMemoryLoanServicing(FraudClaimPortRecorder? recorder = null) => _recorder = recorder ?? new FraudClaimPortRecorder();

    /// <summary>Gets the recorder.</summary>
    public FraudClaimPortRecorder Recorder => _recorder;

    /// <inheritdoc />
    public Task SuspendInterestAccrualAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("SuspendInterestAccrual", request, cancellationToken);

    /// <inheritdoc />
    public Task ResumeInterestAccrualAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("ResumeInterestAccrual", request, cancellationToken);

    /// <inheritdoc />
    public Task StopCollectionAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("StopCollection", request, cancellationToken);

    /// <inheritdoc />
    public Task ResumeCollectionAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("ResumeCollection", request, cancellationToken);

    /// <inheritdoc />
    public Task BlockAccessAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("BlockAccess", request, cancellationToken);

    /// <inheritdoc />
    public Task WriteOffAsync(LoanServicingRequest request, CancellationToken cancellationToken = default) => Record("WriteOff", request, cancellationToken);

    private Task Record(string operation, LoanServicingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _recorder.RecordAsync(new FraudClaimPortCall("loan-servicing", operation, request.ClaimId, request.IdempotencyKey), cancellationToken);
    }
}

/// <summary>Fake credit bureaus that record correction requests.</summary>
public sealed class InMemoryCreditBureauCorrections : ICreditBureauCorrections
{
    private readonly FraudClaimPortRecorder _recorder;

    /// <summary>Initializes a new instance of the <see cref="InMemoryCreditBureauCorrections"/> class.</summary>
    /// <param name="recorder">The recorder; a new one when null.</param>
    public InMemoryCreditBureauCorrections(FraudClaimPortRecorder? recorder = null) => _recorder = recorder ?? new FraudClaimPortRecorder();

    /// <summary>Gets the recorder.</summary>
    public FraudClaimPortRecorder Recorder => _recorder;

    /// <inheritdoc />
    public Task RequestCorrectionAsync(CreditBureaus bureau, CreditHistoryCorrectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _recorder.RecordAsync(new FraudClaimPortCall("credit-bureau", "RequestCorrection", request.ClaimId, request.IdempotencyKey, bureau), cancellationToken);
    }
}

/// <summary>A fake law-enforcement channel that records referrals.</summary>
public sealed class InMemoryLawEnforcementNotifier : ILawEnforcementNotifier
{
    private readonly FraudClaimPortRecorder _recorder;
    private readonly List<LawEnforcementReferral> _referrals = [];
    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance of the <see cref="InMemoryLawEnforcementNotifier"/> class.</summary>
    /// <param name="recorder">The recorder; a new one when null.</param>
    public InMemoryLawEnforcementNotifier(FraudClaimPortRecorder? recorder = null) => _recorder = recorder ?? new FraudClaimPortRecorder();

    /// <summary>Gets the recorder.</summary>
    public FraudClaimPortRecorder Recorder => _recorder;

    /// <summary>Gets the referrals received.</summary>
    public IReadOnlyList<LawEnforcementReferral> Referrals
    {
        get
        {
            lock (_lock)
            {
                return _referrals.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public async Task NotifyAsync(LawEnforcementReferral referral, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(referral);
        await _recorder.RecordAsync(new FraudClaimPortCall("law-enforcement", "Notify", referral.ClaimId, referral.IdempotencyKey), cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _referrals.Add(referral);
        }
    }
}

/// <summary>A fake evidence archive: reports added by correlation id; records lookups.</summary>
public sealed class InMemoryIdentificationEvidenceLookup : IIdentificationEvidenceLookup
{
    private readonly FraudClaimPortRecorder _recorder;
    private readonly Dictionary<string, EvidenceReport> _reports = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance of the <see cref="InMemoryIdentificationEvidenceLookup"/> class.</summary>
    /// <param name="recorder">The recorder; a new one when null.</param>
    public InMemoryIdentificationEvidenceLookup(FraudClaimPortRecorder? recorder = null) => _recorder = recorder ?? new FraudClaimPortRecorder();

    /// <summary>Gets the recorder.</summary>
    public FraudClaimPortRecorder Recorder => _recorder;

    /// <summary>Files a report under its correlation id.</summary>
    /// <param name="report">The report.</param>
    public void Add(EvidenceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_lock)
        {
            _reports[report.CorrelationId] = report;
        }
    }

    /// <inheritdoc />
    public async Task<EvidenceReport?> FindByCorrelationIdAsync(string correlationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correlationId);
        await _recorder.RecordAsync(new FraudClaimPortCall("evidence-lookup", "FindByCorrelationId", correlationId, null), cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            return _reports.GetValueOrDefault(correlationId);
        }
    }
}

/// <summary>An in-memory append-only claim store with optimistic concurrency.</summary>
public sealed class InMemoryFraudClaimStore : IFraudClaimStore
{
    private readonly Dictionary<string, List<FraudClaimEvent>> _claims = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Lock _lock = new();

    /// <summary>Gets the number of events stored across all claims.</summary>
    public int EventCount
    {
        get
        {
            lock (_lock)
            {
                return _claims.Values.Sum(l => l.Count);
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FraudClaimEvent>> ReadAsync(string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<FraudClaimEvent>>(_claims.TryGetValue(claimId, out List<FraudClaimEvent>? events) ? events.ToArray() : []);
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(string claimId, long expectedVersion, FraudClaimEvent claimEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        ArgumentNullException.ThrowIfNull(claimEvent);
        lock (_lock)
        {
            _claims.TryGetValue(claimId, out List<FraudClaimEvent>? events);
            long actual = events?.Count ?? 0;
            if (actual != expectedVersion)
            {
                throw new FraudClaimConcurrencyException(expectedVersion, actual);
            }

            if (events is null)
            {
                _claims[claimId] = events = [];
                _order.Add(claimId);
            }

            events.Add(claimEvent);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListClaimIdsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>(_order.ToArray());
        }
    }
}

/// <summary>
/// All fake ports of the fraud-claim workflow sharing one <see cref="FraudClaimPortRecorder"/>, plus a factory for a
/// workflow over them: for tests, samples and an MFO's own tests of their flow.
/// </summary>
public sealed class InMemoryFraudClaimPorts
{
    /// <summary>Initializes a new instance of the <see cref="InMemoryFraudClaimPorts"/> class.</summary>
    /// <param name="store">The claim store; an <see cref="InMemoryFraudClaimStore"/> when null.</param>
    public InMemoryFraudClaimPorts(IFraudClaimStore? store = null)
    {
        Store = store ?? new InMemoryFraudClaimStore();
        LoanServicing = new InMemoryLoanServicing(Recorder);
        CreditBureaus = new InMemoryCreditBureauCorrections(Recorder);
        LawEnforcement = new InMemoryLawEnforcementNotifier(Recorder);
        Evidence = new InMemoryIdentificationEvidenceLookup(Recorder);
    }

    /// <summary>Gets the shared recorder of all port calls.</summary>
    public FraudClaimPortRecorder Recorder { get; } = new();

    /// <summary>Gets the claim store.</summary>
    public IFraudClaimStore Store { get; }

    /// <summary>Gets the loan-servicing fake.</summary>
    public InMemoryLoanServicing LoanServicing { get; }

    /// <summary>Gets the credit-bureau fake.</summary>
    public InMemoryCreditBureauCorrections CreditBureaus { get; }

    /// <summary>Gets the law-enforcement fake.</summary>
    public InMemoryLawEnforcementNotifier LawEnforcement { get; }

    /// <summary>Gets the evidence archive fake.</summary>
    public InMemoryIdentificationEvidenceLookup Evidence { get; }

    /// <summary>Creates a workflow over these ports.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="options">The options; defaults when null.</param>
    /// <param name="logger">The logger.</param>
    /// <returns>The workflow.</returns>
    public FraudClaimWorkflow CreateWorkflow(TimeProvider? timeProvider = null, FraudClaimOptions? options = null, ILogger<FraudClaimWorkflow>? logger = null) =>
        new(Store, LoanServicing, CreditBureaus, LawEnforcement, Evidence, Options.Create(options ?? new FraudClaimOptions()), timeProvider ?? TimeProvider.System, logger);
}

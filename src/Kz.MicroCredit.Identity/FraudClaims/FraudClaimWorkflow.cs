using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// The lender's fraud-claim workflow (regulator's memorandum of October 2021): register a claim, freeze the loan, refer
/// to law enforcement, record the confirming document or the refusal, write the debt off and correct the credit
/// history. Every step is checked against <see cref="FraudClaimTransitions"/>, calls the lender's ports, and is then
/// appended to the claim's history with the time, the actor, the document and an idempotency key.
/// </summary>
/// <remarks>
/// <para>Idempotency: a step whose key is already in the history returns the recorded event with
/// <see cref="FraudClaimStepResult.Replayed"/> set and calls no port. A key reused with another command or document throws
/// <see cref="FraudClaimIdempotencyConflictException"/>.</para>
/// <para>Ports run before the event is appended: if a port throws, nothing is recorded and the step may be retried; the
/// ports receive the idempotency key so that a retry after a partial failure does not act twice.</para>
/// </remarks>
public sealed class FraudClaimWorkflow
{
    private readonly IFraudClaimStore _store;
    private readonly ILoanServicing _loanServicing;
    private readonly ICreditBureauCorrections _bureaus;
    private readonly ILawEnforcementNotifier _lawEnforcement;
    private readonly IIdentificationEvidenceLookup _evidence;
    private readonly FraudClaimOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="FraudClaimWorkflow"/> class.</summary>
    /// <param name="store">The claim store.</param>
    /// <param name="loanServicing">The loan-servicing port.</param>
    /// <param name="bureaus">The credit-bureau port.</param>
    /// <param name="lawEnforcement">The law-enforcement port.</param>
    /// <param name="evidence">The identification evidence lookup.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public FraudClaimWorkflow(
        IFraudClaimStore store,
        ILoanServicing loanServicing,
        ICreditBureauCorrections bureaus,
        ILawEnforcementNotifier lawEnforcement,
        IIdentificationEvidenceLookup evidence,
        IOptions<FraudClaimOptions> options,
        TimeProvider timeProvider,
        ILogger<FraudClaimWorkflow>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(loanServicing);
        ArgumentNullException.ThrowIfNull(bureaus);
        ArgumentNullException.ThrowIfNull(lawEnforcement);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _loanServicing = loanServicing;
        _bureaus = bureaus;
        _lawEnforcement = lawEnforcement;
        _evidence = evidence;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets the options in force.</summary>
    public FraudClaimOptions Options => _options;

    /// <summary>Registers a claim (state <see cref="FraudClaimState.Registered"/>); calls no port.</summary>
    /// <param name="registration">The claim.</param>
    /// <param name="step">The actor and the complaint or notice document.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="IllegalFraudClaimTransitionException">A claim with this id already exists (and this is not a replay).</exception>
    public async Task<FraudClaimStepResult> RegisterAsync(FraudClaimRegistration registration, FraudClaimStep step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(step);
        registration.Validate();
        const FraudClaimCommand command = FraudClaimCommand.Register;
        string key = step.EffectiveKey(command);
        IReadOnlyList<FraudClaimEvent> history = await _store.ReadAsync(registration.ClaimId, cancellationToken).ConfigureAwait(false);
        if (history.Count > 0)
        {
            FraudClaim existing = FraudClaim.FromHistory(history);
            return ReplayOrReject(existing, command, step, key);
        }

        var @event = new FraudClaimEvent
        {
            ClaimId = registration.ClaimId,
            Sequence = 1,
            Command = command,
            State = FraudClaimState.Registered,
            OccurredAt = _timeProvider.GetUtcNow(),
            Actor = step.Actor,
            Document = step.Document,
            IdempotencyKey = key,
            Registration = registration,
        };
        return await AppendAsync(null, registration.ClaimId, @event, step, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Freezes the loan: suspends interest accrual, stops collection and claims work, blocks access
    /// (<see cref="FraudClaimState.Registered"/> → <see cref="FraudClaimState.Frozen"/>).
    /// </summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="step">The actor and the document (e.g. the freeze order).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    public Task<FraudClaimStepResult> FreezeAsync(string claimId, FraudClaimStep step, CancellationToken cancellationToken = default) =>
        ApplyAsync(claimId, FraudClaimCommand.Freeze, step, static _ => default, async (claim, key, ct) =>
        {
            LoanServicingRequest request = LoanRequest(claim, step, key);
            await _loanServicing.SuspendInterestAccrualAsync(request, ct).ConfigureAwait(false);
            await _loanServicing.StopCollectionAsync(request, ct).ConfigureAwait(false);
            await _loanServicing.BlockAccessAsync(request, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Refers the claim to law enforcement with the loan's identification summary
    /// (<see cref="FraudClaimState.Frozen"/> → <see cref="FraudClaimState.Referred"/>).
    /// </summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="step">The actor and the lender's letter or statement.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    public Task<FraudClaimStepResult> ReferToLawEnforcementAsync(string claimId, FraudClaimStep step, CancellationToken cancellationToken = default) =>
        ApplyAsync(claimId, FraudClaimCommand.Refer, step, static _ => default, async (claim, key, ct) =>
        {
            ClaimIdentificationSummary identification = await LookUpIdentificationAsync(claim, ct).ConfigureAwait(false);
            await _lawEnforcement.NotifyAsync(
                new LawEnforcementReferral
                {
                    ClaimId = claim.ClaimId,
                    Registration = claim.Registration,
                    Identification = identification,
                    Document = step.Document,
                    IdempotencyKey = key,
                },
                ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Records the procedural document (CPC art. 71 or art. 200) or the court decision that confirms the fraud
    /// (<see cref="FraudClaimState.Referred"/> → <see cref="FraudClaimState.Confirmed"/>); calls no port.
    /// </summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="kind">The kind of the confirming document; its number is the step's document.</param>
    /// <param name="step">The actor and the confirming document.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    public Task<FraudClaimStepResult> ConfirmAsync(string claimId, FraudConfirmationKind kind, FraudClaimStep step, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "Unknown confirmation kind.");
        }

        return ApplyAsync(claimId, FraudClaimCommand.Confirm, step, _ => new Payload(kind, null, null, null), static (_, _, _) => Task.CompletedTask, cancellationToken);
    }

    /// <summary>
    /// Writes the debt off and asks each configured bureau to correct the credit history
    /// (<see cref="FraudClaimState.Confirmed"/> → <see cref="FraudClaimState.WrittenOff"/>).
    /// </summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="step">The actor and the write-off order.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    public Task<FraudClaimStepResult> WriteOffAsync(string claimId, FraudClaimStep step, CancellationToken cancellationToken = default)
    {
        CreditBureaus bureaus = _options.CreditBureaus;
        return ApplyAsync(claimId, FraudClaimCommand.WriteOff, step, _ => new Payload(null, bureaus, null, null), async (claim, key, ct) =>
        {
            await _loanServicing.WriteOffAsync(LoanRequest(claim, step, key), ct).ConfigureAwait(false);
            var request = new CreditHistoryCorrectionRequest
            {
                ClaimId = claim.ClaimId,
                LoanId = claim.Registration.LoanId,
                SubjectIin = claim.Registration.ClaimantIin,
                AmountKzt = claim.Registration.AmountKzt,
                ConfirmationKind = claim.ConfirmationKind.GetValueOrDefault(),
                Document = step.Document,
                IdempotencyKey = key,
            };
            foreach (CreditBureaus bureau in Each(bureaus))
            {
                await _bureaus.RequestCorrectionAsync(bureau, request, ct).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Records one bureau's confirmation of the credit-history correction; after the last pending bureau the claim is
    /// <see cref="FraudClaimState.CreditHistoryCorrected"/>. Calls no port.
    /// </summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="bureau">Exactly one bureau whose correction is pending.</param>
    /// <param name="step">The actor and the bureau's confirmation.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The bureau is not one bureau, or none of its corrections is pending (and this is not a replay).</exception>
    public Task<FraudClaimStepResult> ConfirmCreditHistoryCorrectionAsync(string claimId, CreditBureaus bureau, FraudClaimStep step, CancellationToken cancellationToken = default)
    {
        if (bureau is not (CreditBureaus.FirstCreditBureau or CreditBureaus.StateCreditBureau))
        {
            throw new ArgumentException("Name exactly one bureau.", nameof(bureau));
        }

        return ApplyAsync(claimId, FraudClaimCommand.ConfirmCreditHistoryCorrection, step, claim =>
        {
            if ((claim.CorrectionPending & bureau) == 0)
            {
                throw new ArgumentException("The bureau has no pending correction for this claim.", nameof(bureau));
            }

            FraudClaimState next = (claim.CorrectionPending & ~bureau) == CreditBureaus.None ? FraudClaimState.CreditHistoryCorrected : FraudClaimState.WrittenOff;
            return new Payload(null, bureau, null, next);
        }, static (_, _, _) => Task.CompletedTask, cancellationToken);
    }

    /// <summary>
    /// Records that the fraud was not confirmed and resumes interest accrual and collection
    /// (<see cref="FraudClaimState.Referred"/> → <see cref="FraudClaimState.NotConfirmed"/>). Access stays blocked until
    /// the borrower identifies again.
    /// </summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="reason">Why, e.g. <see cref="ReasonCode.FraudCaseRefused"/>.</param>
    /// <param name="step">The actor and the document (e.g. the refusal to open a case).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    public Task<FraudClaimStepResult> RecordNotConfirmedAsync(string claimId, ReasonCode reason, FraudClaimStep step, CancellationToken cancellationToken = default)
    {
        if (reason.Value.Length == 0)
        {
            throw new ArgumentException("A reason code is required.", nameof(reason));
        }

        return ApplyAsync(claimId, FraudClaimCommand.RecordNotConfirmed, step, _ => new Payload(null, null, reason, null), async (claim, key, ct) =>
        {
            LoanServicingRequest request = LoanRequest(claim, step, key);
            await _loanServicing.ResumeInterestAccrualAsync(request, ct).ConfigureAwait(false);
            await _loanServicing.ResumeCollectionAsync(request, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Reads a claim.</summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="FraudClaimNotFoundException">No such claim.</exception>
    public async Task<FraudClaim> GetAsync(string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimId);
        IReadOnlyList<FraudClaimEvent> history = await _store.ReadAsync(claimId, cancellationToken).ConfigureAwait(false);
        return history.Count == 0 ? throw new FraudClaimNotFoundException() : FraudClaim.FromHistory(history);
    }

    /// <summary>Looks up how the borrower of the claim's loan was identified.</summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summary (with <see cref="ClaimIdentificationSummary.ReportFound"/> false when none is on file).</returns>
    public async Task<ClaimIdentificationSummary> GetIdentificationSummaryAsync(string claimId, CancellationToken cancellationToken = default)
    {
        FraudClaim claim = await GetAsync(claimId, cancellationToken).ConfigureAwait(false);
        return await LookUpIdentificationAsync(claim, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets when a claim's current state is due to end, per <see cref="FraudClaimOptions"/>.</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>The due time, or <see langword="null"/> when the state has no deadline (final states never do).</returns>
    public DateTimeOffset? DueAt(FraudClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _options.DeadlineOf(claim.State) is { } deadline ? claim.StateEnteredAt + deadline : null;
    }

    /// <summary>Gets a value indicating whether a claim has stayed in its state past its deadline (now is after the due time).</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>Whether it is overdue.</returns>
    public bool IsOverdue(FraudClaim claim) => DueAt(claim) is { } due && _timeProvider.GetUtcNow() > due;

    /// <summary>Scans the store for claims past their state's deadline.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The overdue claims, most overdue first.</returns>
    public async Task<IReadOnlyList<OverdueFraudClaim>> FindOverdueAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        var overdue = new List<OverdueFraudClaim>();
        foreach (FraudClaim claim in await LoadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (DueAt(claim) is { } due && now > due)
            {
                FraudClaimsLog.Overdue(_logger, claim.ClaimId, claim.State, due);
                overdue.Add(new OverdueFraudClaim(claim.ClaimId, claim.State, claim.StateEnteredAt, due, now - due));
            }
        }

        return overdue.OrderByDescending(o => o.OverdueBy).ThenBy(o => o.ClaimId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Builds the regulator's report over the claims received in a period, with the identification split.</summary>
    /// <param name="receivedFrom">The first receipt date included, or <see langword="null"/>.</param>
    /// <param name="receivedTo">The last receipt date included, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The report.</returns>
    public async Task<FraudClaimReport> BuildReportAsync(DateOnly? receivedFrom = null, DateOnly? receivedTo = null, CancellationToken cancellationToken = default)
    {
        var entries = new List<FraudClaimReportEntry>();
        foreach (FraudClaim claim in await LoadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!FraudClaimReport.InPeriod(claim.Registration.ReceivedAt, receivedFrom, receivedTo))
            {
                continue;
            }

            ClaimIdentificationSummary identification = await LookUpIdentificationAsync(claim, cancellationToken).ConfigureAwait(false);
            entries.Add(FraudClaimReportEntry.FromClaim(claim, identification));
        }

        return FraudClaimReport.Build(entries, receivedFrom, receivedTo);
    }

    private async Task<List<FraudClaim>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var claims = new List<FraudClaim>();
        foreach (string id in await _store.ListClaimIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<FraudClaimEvent> history = await _store.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            if (history.Count > 0)
            {
                claims.Add(FraudClaim.FromHistory(history));
            }
        }

        return claims;
    }

    private async Task<ClaimIdentificationSummary> LookUpIdentificationAsync(FraudClaim claim, CancellationToken cancellationToken)
    {
        string correlationId = claim.Registration.EffectiveCorrelationId;
        EvidenceReport? report = await _evidence.FindByCorrelationIdAsync(correlationId, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            FraudClaimsLog.EvidenceReportMissing(_logger, claim.ClaimId);
            return ClaimIdentificationSummary.NotFound(correlationId);
        }

        return ClaimIdentificationSummary.FromReport(report);
    }

    private async Task<FraudClaimStepResult> ApplyAsync(
        string claimId,
        FraudClaimCommand command,
        FraudClaimStep step,
        Func<FraudClaim, Payload> prepare,
        Func<FraudClaim, string, CancellationToken, Task> effects,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimId);
        ArgumentNullException.ThrowIfNull(step);
        FraudClaim claim = await GetAsync(claimId, cancellationToken).ConfigureAwait(false);
        string key = step.EffectiveKey(command);
        if (claim.FindByIdempotencyKey(key) is not null || !FraudClaimTransitions.TryGetNextState(claim.State, command, out FraudClaimState next))
        {
            return ReplayOrReject(claim, command, step, key);
        }

        Payload payload = prepare(claim);
        try
        {
            await effects(claim, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FraudClaimsLog.PortFailed(_logger, claimId, command, ex.GetType().Name);
            throw;
        }

        var @event = new FraudClaimEvent
        {
            ClaimId = claimId,
            Sequence = claim.Version + 1,
            Command = command,
            State = payload.NextState ?? next,
            OccurredAt = _timeProvider.GetUtcNow(),
            Actor = step.Actor,
            Document = step.Document,
            IdempotencyKey = key,
            ConfirmationKind = payload.ConfirmationKind,
            Bureaus = payload.Bureaus,
            Reason = payload.Reason,
        };
        return await AppendAsync(claim, claimId, @event, step, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FraudClaimStepResult> AppendAsync(FraudClaim? claim, string claimId, FraudClaimEvent @event, FraudClaimStep step, CancellationToken cancellationToken)
    {
        try
        {
            await _store.AppendAsync(claimId, claim?.Version ?? 0, @event, cancellationToken).ConfigureAwait(false);
        }
        catch (FraudClaimConcurrencyException)
        {
            // Someone else wrote first: if it was this very step (a concurrent retry), answer as a replay.
            FraudClaim current = FraudClaim.FromHistory(await _store.ReadAsync(claimId, cancellationToken).ConfigureAwait(false));
            if (current.FindByIdempotencyKey(@event.IdempotencyKey) is { } recorded && recorded.SameRequestAs(@event.Command, step.Document))
            {
                return new FraudClaimStepResult(current, recorded, replayed: true);
            }

            throw;
        }

        FraudClaim updated = FraudClaim.FromHistory(claim is null ? [@event] : claim.History.Append(@event));
        FraudClaimsLog.StepApplied(_logger, claimId, @event.Command, claim?.State, @event.State);
        return new FraudClaimStepResult(updated, @event, replayed: false);
    }

    private FraudClaimStepResult ReplayOrReject(FraudClaim claim, FraudClaimCommand command, FraudClaimStep step, string key)
    {
        if (claim.FindByIdempotencyKey(key) is { } recorded)
        {
            if (!recorded.SameRequestAs(command, step.Document))
            {
                throw new FraudClaimIdempotencyConflictException(recorded.Command, command);
            }

            FraudClaimsLog.StepReplayed(_logger, claim.ClaimId, command, recorded.Sequence);
            return new FraudClaimStepResult(claim, recorded, replayed: true);
        }

        FraudClaimsLog.TransitionRejected(_logger, claim.ClaimId, command, claim.State);
        throw new IllegalFraudClaimTransitionException(claim.State, command);
    }

    private static LoanServicingRequest LoanRequest(FraudClaim claim, FraudClaimStep step, string key) => new()
    {
        ClaimId = claim.ClaimId,
        LoanId = claim.Registration.LoanId,
        AmountKzt = claim.Registration.AmountKzt,
        IdempotencyKey = key,
        Document = step.Document,
        Actor = step.Actor,
    };

    private static IEnumerable<CreditBureaus> Each(CreditBureaus bureaus)
    {
        if ((bureaus & CreditBureaus.FirstCreditBureau) != 0)
        {
            yield return CreditBureaus.FirstCreditBureau;
        }

        if ((bureaus & CreditBureaus.StateCreditBureau) != 0)
        {
            yield return CreditBureaus.StateCreditBureau;
        }
    }

    private readonly record struct Payload(FraudConfirmationKind? ConfirmationKind, CreditBureaus? Bureaus, ReasonCode? Reason, FraudClaimState? NextState);
}

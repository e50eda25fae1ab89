namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// A fraud claim as its history makes it: the registration, the current state and when it was entered, and what each
/// step recorded. Rebuilt from the append-only events with <see cref="FromHistory"/>; never changed in place.
/// </summary>
/// <remarks><see cref="ToString()"/> prints no personal data.</remarks>
public sealed class FraudClaim
{
    private FraudClaim(FraudClaimRegistration registration, IReadOnlyList<FraudClaimEvent> history)
    {
        Registration = registration;
        History = history;
    }

    /// <summary>Gets the claim's id.</summary>
    public string ClaimId => Registration.ClaimId;

    /// <summary>Gets what was registered.</summary>
    public FraudClaimRegistration Registration { get; }

    /// <summary>Gets the history, oldest first.</summary>
    public IReadOnlyList<FraudClaimEvent> History { get; }

    /// <summary>Gets the version: the number of events (the expected version for the next append).</summary>
    public long Version => History.Count;

    /// <summary>Gets the current state.</summary>
    public FraudClaimState State { get; private set; }

    /// <summary>
    /// Gets when the current state was entered: the receipt time for <see cref="FraudClaimState.Registered"/>, otherwise
    /// the time of the step that led to it (a bureau's partial confirmation does not restart the clock).
    /// </summary>
    public DateTimeOffset StateEnteredAt { get; private set; }

    /// <summary>Gets the kind of document that confirmed the fraud, once confirmed.</summary>
    public FraudConfirmationKind? ConfirmationKind { get; private set; }

    /// <summary>Gets the reason the fraud was not confirmed, when it was not.</summary>
    public ReasonCode? NotConfirmedReason { get; private set; }

    /// <summary>Gets the bureaus asked to correct the credit history.</summary>
    public CreditBureaus CorrectionRequestedFrom { get; private set; }

    /// <summary>Gets the bureaus that confirmed the correction.</summary>
    public CreditBureaus CorrectionConfirmedBy { get; private set; }

    /// <summary>Gets the bureaus whose confirmation is still awaited.</summary>
    public CreditBureaus CorrectionPending => CorrectionRequestedFrom & ~CorrectionConfirmedBy;

    /// <summary>Finds the event recorded under an idempotency key.</summary>
    /// <param name="idempotencyKey">The key.</param>
    /// <returns>The event, or <see langword="null"/>.</returns>
    public FraudClaimEvent? FindByIdempotencyKey(string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        foreach (FraudClaimEvent e in History)
        {
            if (string.Equals(e.IdempotencyKey, idempotencyKey, StringComparison.Ordinal))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Rebuilds a claim from its events, checking that they form a legal, gap-free history.</summary>
    /// <param name="history">The events, oldest first.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="ArgumentException">The history is empty, does not start with a registration, has gaps or an illegal move.</exception>
    public static FraudClaim FromHistory(IEnumerable<FraudClaimEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        FraudClaimEvent[] events = history.ToArray();
        if (events.Length == 0 || events[0] is not { Command: FraudClaimCommand.Register, Registration: { } registration, Sequence: 1 })
        {
            throw new ArgumentException("A claim's history starts with a registration event with sequence 1.", nameof(history));
        }

        var claim = new FraudClaim(registration, events)
        {
            State = FraudClaimState.Registered,
            StateEnteredAt = registration.ReceivedAt,
        };
        for (int i = 1; i < events.Length; i++)
        {
            FraudClaimEvent e = events[i];
            if (e.Sequence != i + 1 || !string.Equals(e.ClaimId, claim.ClaimId, StringComparison.Ordinal))
            {
                throw new ArgumentException("A claim's history has a gap, a duplicate or another claim's event.", nameof(history));
            }

            if (!FraudClaimTransitions.IsLegal(claim.State, e.Command))
            {
                throw new ArgumentException("A claim's history contains an illegal move.", nameof(history));
            }

            claim.Apply(e);
        }

        return claim;
    }

    private void Apply(FraudClaimEvent e)
    {
        switch (e.Command)
        {
            case FraudClaimCommand.Confirm:
                ConfirmationKind = e.ConfirmationKind;
                break;
            case FraudClaimCommand.RecordNotConfirmed:
                NotConfirmedReason = e.Reason;
                break;
            case FraudClaimCommand.WriteOff:
                CorrectionRequestedFrom = e.Bureaus.GetValueOrDefault();
                break;
            case FraudClaimCommand.ConfirmCreditHistoryCorrection:
                CorrectionConfirmedBy |= e.Bureaus.GetValueOrDefault();
                break;
        }

        if (e.State != State)
        {
            State = e.State;
            StateEnteredAt = e.OccurredAt;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"FraudClaim {{ ClaimId = {ClaimId}, State = {State}, Version = {Version} }}";
}

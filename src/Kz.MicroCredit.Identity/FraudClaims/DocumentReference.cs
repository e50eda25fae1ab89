using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// A reference to the document behind a workflow step: the complaint's incoming number, the lender's letter to the
/// police, the CPC art. 71 resolution, the write-off order, the bureau's confirmation. Only a kind and a number,
/// never the document's content; do not put personal data in either.
/// </summary>
public sealed record DocumentReference
{
    /// <summary>Initializes a new instance of the <see cref="DocumentReference"/> class.</summary>
    /// <param name="kind">A short kind such as <c>complaint</c>, <c>cpc-71-resolution</c> or <c>write-off-order</c>.</param>
    /// <param name="number">The document's number or registry id.</param>
    /// <param name="issuedOn">The date on the document, when known.</param>
    /// <exception cref="ArgumentException">The kind or number is empty or longer than 128 characters.</exception>
    [JsonConstructor]
    public DocumentReference(string kind, string number, DateOnly? issuedOn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        if (kind.Length > 128 || number.Length > 128)
        {
            throw new ArgumentException("A document kind or number is longer than 128 characters.", kind.Length > 128 ? nameof(kind) : nameof(number));
        }

        Kind = kind;
        Number = number;
        IssuedOn = issuedOn;
    }

    /// <summary>Gets the document's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; }

    /// <summary>Gets the document's number.</summary>
    [JsonPropertyName("number")]
    public string Number { get; }

    /// <summary>Gets the date on the document, when known.</summary>
    [JsonPropertyName("issuedOn")]
    public DateOnly? IssuedOn { get; }
}

/// <summary>Who performs a workflow step, on the strength of which document, and under which idempotency key.</summary>
public sealed class FraudClaimStep
{
    /// <summary>Initializes a new instance of the <see cref="FraudClaimStep"/> class.</summary>
    /// <param name="actor">The employee or system performing the step (a staff id, not a name).</param>
    /// <param name="document">The document behind the step.</param>
    /// <param name="idempotencyKey">
    /// The key that makes a retry of this step a replay; when <see langword="null"/>, the command and the document's kind
    /// and number are the key.
    /// </param>
    /// <exception cref="ArgumentException">The actor is empty, or a key is empty or longer than 200 characters.</exception>
    public FraudClaimStep(string actor, DocumentReference document, string? idempotencyKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(document);
        if (actor.Length > 128)
        {
            throw new ArgumentException("The actor is longer than 128 characters.", nameof(actor));
        }

        if (idempotencyKey is not null && (idempotencyKey.Length == 0 || idempotencyKey.Length > 200))
        {
            throw new ArgumentException("An idempotency key has 1 to 200 characters.", nameof(idempotencyKey));
        }

        Actor = actor;
        Document = document;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Gets the actor.</summary>
    public string Actor { get; }

    /// <summary>Gets the document behind the step.</summary>
    public DocumentReference Document { get; }

    /// <summary>Gets the explicit idempotency key, or <see langword="null"/> to derive it from the command and the document.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>Gets the key used for a command: the explicit key, or <c>command:kind:number</c>.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The effective key.</returns>
    public string EffectiveKey(FraudClaimCommand command) =>
        IdempotencyKey ?? string.Concat(command.ToString(), ":", Document.Kind, ":", Document.Number);
}

/// <summary>What a lender knows when a claim arrives.</summary>
/// <remarks><see cref="ToString()"/> prints no personal data.</remarks>
public sealed class FraudClaimRegistration
{
    /// <summary>Gets the lender's id of the claim.</summary>
    [JsonPropertyName("claimId")]
    public required string ClaimId { get; init; }

    /// <summary>Gets the lender's id of the disputed loan.</summary>
    [JsonPropertyName("loanId")]
    public required string LoanId { get; init; }

    /// <summary>Gets the claimant's IIN: the person in whose name the loan was taken. Personal data.</summary>
    [JsonPropertyName("claimantIin")]
    [JsonConverter(typeof(IinJsonConverter))]
    public required Iin ClaimantIin { get; init; }

    /// <summary>Gets the disputed amount in tenge.</summary>
    [JsonPropertyName("amountKzt")]
    public required decimal AmountKzt { get; init; }

    /// <summary>Gets who raised the claim.</summary>
    [JsonPropertyName("source")]
    public required FraudClaimSource Source { get; init; }

    /// <summary>Gets when the complaint or notice was received (the deadline of <see cref="FraudClaimState.Registered"/> runs from here).</summary>
    [JsonPropertyName("receivedAt")]
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// Gets the correlation id under which the loan's identification evidence report was filed; <see langword="null"/>
    /// means the loan id.
    /// </summary>
    [JsonPropertyName("identificationCorrelationId")]
    public string? IdentificationCorrelationId { get; init; }

    /// <summary>Gets the correlation id to look the evidence report up by.</summary>
    [JsonIgnore]
    public string EffectiveCorrelationId => IdentificationCorrelationId ?? LoanId;

    /// <inheritdoc />
    public override string ToString() =>
        $"FraudClaimRegistration {{ ClaimId = {ClaimId}, LoanId = {LoanId}, Source = {Source}, Claimant = {ClaimantIin} }}";

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ClaimId);
        ArgumentException.ThrowIfNullOrWhiteSpace(LoanId);
        if (ClaimId.Length > 128 || LoanId.Length > 128)
        {
            throw new ArgumentException("A claim or loan id is longer than 128 characters.");
        }

        if (!ClaimantIin.HasValue)
        {
            throw new ArgumentException("The claimant's IIN is required.");
        }

        if (AmountKzt <= 0m || decimal.Round(AmountKzt, 2) != AmountKzt)
        {
            throw new ArgumentException("The amount must be positive tenge with at most two decimals (tiyn).");
        }

        if (!Enum.IsDefined(Source))
        {
            throw new ArgumentException("The source is unknown.");
        }
    }
}

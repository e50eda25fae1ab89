using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// One entry of a claim's append-only history: which step was applied, when (from <see cref="TimeProvider"/>), by whom,
/// on which document, under which idempotency key, and the state it led to. Events are never changed or removed.
/// </summary>
/// <remarks><see cref="ToString()"/> prints no personal data (the registration's IIN is masked).</remarks>
public sealed class FraudClaimEvent
{
    /// <summary>Gets the claim's id.</summary>
    [JsonPropertyName("claimId")]
    public required string ClaimId { get; init; }

    /// <summary>Gets the position in the claim's history, 1 for the registration, without gaps.</summary>
    [JsonPropertyName("sequence")]
    public required long Sequence { get; init; }

    /// <summary>Gets the step applied.</summary>
    [JsonPropertyName("command")]
    public required FraudClaimCommand Command { get; init; }

    /// <summary>Gets the claim's state after the step.</summary>
    [JsonPropertyName("state")]
    public required FraudClaimState State { get; init; }

    /// <summary>Gets when the step was applied.</summary>
    [JsonPropertyName("occurredAt")]
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets who applied it.</summary>
    [JsonPropertyName("actor")]
    public required string Actor { get; init; }

    /// <summary>Gets the document behind the step.</summary>
    [JsonPropertyName("document")]
    public required DocumentReference Document { get; init; }

    /// <summary>Gets the idempotency key under which the step was applied.</summary>
    [JsonPropertyName("idempotencyKey")]
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets the claim itself; set on the <see cref="FraudClaimCommand.Register"/> event only.</summary>
    [JsonPropertyName("registration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FraudClaimRegistration? Registration { get; init; }

    /// <summary>Gets the kind of confirming document; set on <see cref="FraudClaimCommand.Confirm"/> only.</summary>
    [JsonPropertyName("confirmationKind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FraudConfirmationKind? ConfirmationKind { get; init; }

    /// <summary>
    /// Gets the bureaus: those asked to correct the credit history on <see cref="FraudClaimCommand.WriteOff"/>, or the
    /// one that confirmed on <see cref="FraudClaimCommand.ConfirmCreditHistoryCorrection"/>.
    /// </summary>
    [JsonPropertyName("bureaus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CreditBureaus? Bureaus { get; init; }

    /// <summary>Gets the reason code; set on <see cref="FraudClaimCommand.RecordNotConfirmed"/> only.</summary>
    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(NullableReasonCodeJsonConverter))]
    public ReasonCode? Reason { get; init; }

    /// <summary>Serialises the event to one line of JSON (source-generated, no reflection); the registration carries the clear IIN.</summary>
    /// <returns>The JSON.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, FraudClaimJsonContext.Default.FraudClaimEvent);

    /// <summary>Reads an event written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The JSON is not an event.</exception>
    public static FraudClaimEvent FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, FraudClaimJsonContext.Default.FraudClaimEvent)
            ?? throw new JsonException("The JSON is null, not a fraud-claim event.");
    }

    /// <inheritdoc />
    public override string ToString() => $"FraudClaimEvent {{ ClaimId = {ClaimId}, Sequence = {Sequence}, Command = {Command}, State = {State} }}";

    /// <summary>Whether this event records the same request as a replayed command would.</summary>
    internal bool SameRequestAs(FraudClaimCommand command, DocumentReference document) =>
        Command == command && Document == document;
}

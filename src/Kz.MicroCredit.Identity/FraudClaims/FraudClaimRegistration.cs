using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.FraudClaims;

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

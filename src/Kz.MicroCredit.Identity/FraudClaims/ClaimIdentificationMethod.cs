namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>One method's line in a <see cref="ClaimIdentificationSummary"/>.</summary>
/// <param name="Method">The method id, e.g. <c>nca-eds</c>.</param>
/// <param name="Status">Its status: <c>verified</c>, <c>rejected</c>, <c>indeterminate</c> or <c>not-applicable</c>.</param>
/// <param name="Veto">Whether its rejection was a veto.</param>
/// <param name="CompletedAt">When it finished.</param>
public sealed record ClaimIdentificationMethod(string Method, string Status, bool Veto, DateTimeOffset CompletedAt)
{
    /// <summary>Gets a value indicating whether the method passed.</summary>
    public bool Passed => string.Equals(Status, "verified", StringComparison.Ordinal);
}

using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>A comparison result (direct match or a completed hosted session).</summary>
/// <remarks><see cref="ToString"/> prints no IIN.</remarks>
internal sealed class CeidMatchResult
{
    /// <summary>Gets the request id the provider echoes.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the provider's match id (the billing and audit reference).</summary>
    public required string MatchId { get; init; }

    /// <summary>Gets the id of the biometric provider behind CEID that did the comparison.</summary>
    public required string ProviderId { get; init; }

    /// <summary>Gets the decision.</summary>
    public required CeidMatchDecision Decision { get; init; }

    /// <summary>Gets the similarity score in 0..1.</summary>
    public required double Similarity { get; init; }

    /// <summary>Gets a value indicating whether the liveness check passed.</summary>
    public required bool LivenessPassed { get; init; }

    /// <summary>Gets where the reference photo came from (e.g. <c>gbdfl</c>, the state database).</summary>
    public required string ReferenceSource { get; init; }

    /// <summary>Gets the IIN the provider compared against. Personal data: never log it.</summary>
    public required string SubjectIin { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CeidMatchResult {{ MatchId = {MatchId}, Decision = {Decision}, Similarity = {Similarity}, Liveness = {LivenessPassed} }}");
}

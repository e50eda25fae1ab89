using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Figures split by the claim's source, as in the regulator's letter.</summary>
public sealed class FraudClaimSourceSplit
{
    internal FraudClaimSourceSplit()
    {
    }

    /// <summary>Gets the figures of citizens' complaints.</summary>
    public FraudClaimFigures Citizen { get; } = new();

    /// <summary>Gets the figures of law-enforcement notices.</summary>
    public FraudClaimFigures Police { get; } = new();

    /// <summary>Gets the figures of a source.</summary>
    /// <param name="source">The source.</param>
    /// <returns>Its figures.</returns>
    public FraudClaimFigures this[FraudClaimSource source] => source == FraudClaimSource.CitizenComplaint ? Citizen : Police;
}

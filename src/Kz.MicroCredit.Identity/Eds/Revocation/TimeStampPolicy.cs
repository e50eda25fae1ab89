namespace Kz.MicroCredit.Identity.Eds;

/// <summary>TSA policy allow-list on top of <see cref="TimeStampTokenValidator"/>.</summary>
public static class TimeStampPolicy
{
    /// <summary>The NCA TSA policy for GOST 34.310-2004 tokens.</summary>
    public const string NcaGost2004 = "1.2.398.3.3.2.6.1";

    /// <summary>
    /// Validates a token fully (signature, TSA certificate and chain, imprint) and requires its policy OID to be one of
    /// <paramref name="acceptedPolicies"/> (empty = any).
    /// </summary>
    /// <param name="validator">The validator.</param>
    /// <param name="token">The DER token.</param>
    /// <param name="imprintedData">The time-stamped data.</param>
    /// <param name="acceptedPolicies">Accepted TSA policy OIDs.</param>
    /// <returns>The result; <see cref="ReasonCode.TsaPolicyNotAccepted"/> when the policy is not accepted.</returns>
    public static TimeStampValidationResult ValidateWithPolicy(this TimeStampTokenValidator validator, ReadOnlySpan<byte> token, ReadOnlySpan<byte> imprintedData, IEnumerable<string> acceptedPolicies)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(acceptedPolicies);
        TimeStampValidationResult result = validator.Validate(token, imprintedData);
        string[] accepted = acceptedPolicies.ToArray();
        return result.IsValid && accepted.Length > 0 && !accepted.Contains(result.PolicyOid, StringComparer.Ordinal)
            ? TimeStampValidationResult.Fail(ReasonCode.TsaPolicyNotAccepted)
            : result;
    }
}

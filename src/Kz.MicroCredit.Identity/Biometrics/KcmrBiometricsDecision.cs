namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// The decision table of a CEID comparison result, in order:
/// <list type="number">
/// <item>the answer is for another request id → Indeterminate <c>ProviderProtocolError</c>;</item>
/// <item>the answer's IIN differs from the declared IIN → Veto <c>IinMismatch</c> (a failed attempt);</item>
/// <item>no reference photo → Rejected <c>BiometricReferenceNotFound</c> (not a failed attempt: no face was compared);</item>
/// <item>liveness failed, no match, or a match below the threshold → Rejected with each applicable code (a failed attempt);</item>
/// <item>otherwise (match, similarity ≥ threshold, liveness passed) → Verified.</item>
/// </list>
/// </summary>
internal static class KcmrBiometricsDecision
{
    public static (MethodVerdict Verdict, bool FailedAttempt) Decide(CeidMatchResult result, Iin declaredIin, string expectedRequestId, double threshold)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!string.Equals(result.RequestId, expectedRequestId, StringComparison.Ordinal))
        {
            return (MethodVerdict.Indeterminate(ReasonCode.ProviderProtocolError), false);
        }

        if (!string.Equals(result.SubjectIin, declaredIin.Value, StringComparison.Ordinal))
        {
            return (MethodVerdict.Veto(ReasonCode.IinMismatch), true);
        }

        if (result.Decision == CeidMatchDecision.ReferenceNotFound)
        {
            return (MethodVerdict.Rejected(ReasonCode.BiometricReferenceNotFound), false);
        }

        if (result.Decision is not (CeidMatchDecision.Match or CeidMatchDecision.NoMatch))
        {
            return (MethodVerdict.Indeterminate(ReasonCode.ProviderProtocolError), false);
        }

        var reasons = new List<ReasonCode>(3);
        if (!result.LivenessPassed)
        {
            reasons.Add(ReasonCode.BiometricLivenessFailed);
        }

        if (result.Decision == CeidMatchDecision.NoMatch)
        {
            reasons.Add(ReasonCode.BiometricNoMatch);
        }
        else if (!(result.Similarity >= threshold))
        {
            reasons.Add(ReasonCode.BiometricScoreBelowThreshold);
        }

        return reasons.Count == 0 ? (MethodVerdict.Verified(), false) : (MethodVerdict.Rejected([.. reasons]), true);
    }

    /// <summary>Adds <see cref="ReasonCode.AttemptsExhausted"/> to a negative verdict, keeping its status and veto flag.</summary>
    public static MethodVerdict WithAttemptsExhausted(MethodVerdict verdict) =>
        verdict.IsVeto
            ? MethodVerdict.Veto([.. verdict.Reasons, ReasonCode.AttemptsExhausted])
            : MethodVerdict.Rejected([.. verdict.Reasons, ReasonCode.AttemptsExhausted]);
}

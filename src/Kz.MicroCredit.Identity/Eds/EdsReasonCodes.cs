namespace Kz.MicroCredit.Identity;

/// <summary>Reason codes of the NCA EDS method itself (who signed, with which certificate, when); the verifiers' codes are
/// in Eds/Common/SignatureReasonCodes.cs.</summary>
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: the signer's certificate is not an individual's certificate.</summary>
    public static ReasonCode NotAnIndividual { get; } = new(nameof(NotAnIndividual));

    /// <summary>Gets a code: the signing time (timestamp or claim) lies outside the accepted window.</summary>
    public static ReasonCode SigningTimeOutOfWindow { get; } = new(nameof(SigningTimeOutOfWindow));

    /// <summary>Gets a code: the certificate carries two IIN (or two BIN) entries; which one is meant is ambiguous.</summary>
    public static ReasonCode CertificateIdentityAmbiguous { get; } = new(nameof(CertificateIdentityAmbiguous));

    /// <summary>Gets a code: the certificate's purpose (AUTH/SIGN) is not accepted by the policy.</summary>
    public static ReasonCode CertificatePurposeNotAllowed { get; } = new(nameof(CertificatePurposeNotAllowed));

    /// <summary>Gets a code: the signer's certificate carries no IIN.</summary>
    public static ReasonCode CertificateIinMissing { get; } = new(nameof(CertificateIinMissing));
}

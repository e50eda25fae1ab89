namespace Kz.MicroCredit.Identity;

/// <summary>
/// Reason codes of the signature engine (CMS and XML verifiers, trust paths, revocation, time-stamps), shared by every
/// method that verifies an NCA signature.
/// </summary>
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: a signature value, digest or signed attribute does not verify.</summary>
    public static ReasonCode SignatureInvalid { get; } = new(nameof(SignatureInvalid));

    /// <summary>Gets a code: the signer's certificate does not chain to a trusted anchor (or breaks a path rule).</summary>
    public static ReasonCode CertificateUntrusted { get; } = new(nameof(CertificateUntrusted));

    /// <summary>Gets a code: a certificate of the path is not valid at the validation instant.</summary>
    public static ReasonCode CertificateExpired { get; } = new(nameof(CertificateExpired));

    /// <summary>Gets a code: a certificate of the path is revoked (a veto).</summary>
    public static ReasonCode CertificateRevoked { get; } = new(nameof(CertificateRevoked));

    /// <summary>Gets a code: the revocation status of a certificate could not be established (hard-fail: Indeterminate).</summary>
    public static ReasonCode RevocationUnknown { get; } = new(nameof(RevocationUnknown));

    /// <summary>Gets a code: an algorithm (signature, digest, transform, key type) is not on the allow-list or does not fit the key.</summary>
    public static ReasonCode UnsupportedAlgorithm { get; } = new(nameof(UnsupportedAlgorithm));

    /// <summary>Gets a code: the input is not a well-formed signature of a supported format.</summary>
    public static ReasonCode MalformedSignature { get; } = new(nameof(MalformedSignature));

    /// <summary>Gets a code: an XML input is not UTF-8 (UTF-16, or a declared encoding such as windows-1251); NCA signers produce UTF-8.</summary>
    public static ReasonCode UnsupportedEncoding { get; } = new(nameof(UnsupportedEncoding));

    /// <summary>Gets a code: the input exceeds the configured size (or nesting) limit.</summary>
    public static ReasonCode InputTooLarge { get; } = new(nameof(InputTooLarge));

    /// <summary>Gets a code (warning): a signature timestamp token was present but could not be validated; it is ignored.</summary>
    public static ReasonCode TimestampInvalid { get; } = new(nameof(TimestampInvalid));

    /// <summary>Gets a code: the claimed signing time (CMS signingTime or XAdES SigningTime) lies outside the signer certificate's validity.</summary>
    public static ReasonCode SigningTimeOutsideCertificateValidity { get; } = new(nameof(SigningTimeOutsideCertificateValidity));

    /// <summary>Gets a code: detached signature without the signed content.</summary>
    public static ReasonCode ContentMissing { get; } = new(nameof(ContentMissing));

    /// <summary>Gets a code: the document holds no signature, or signatures in an unexpected number or place.</summary>
    public static ReasonCode SignatureMissing { get; } = new(nameof(SignatureMissing));

    /// <summary>Gets a code: an XML reference is ambiguous or points to an element other than the one expected (wrapping).</summary>
    public static ReasonCode ReferenceInvalid { get; } = new(nameof(ReferenceInvalid));

    /// <summary>Gets a code: the signer's certificate could not be found (no KeyInfo, no matching supplied certificate).</summary>
    public static ReasonCode SignerCertificateMissing { get; } = new(nameof(SignerCertificateMissing));
}

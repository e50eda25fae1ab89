using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>One CMS signer.</summary>
public sealed class CmsSignerResult
{
    /// <summary>Gets the first failure of this signer.</summary>
    public ReasonCode? Failure { get; internal set; }

    /// <summary>Gets warnings (e.g. <see cref="ReasonCode.TimestampInvalid"/>) that do not invalidate the signature.</summary>
    public IReadOnlyList<ReasonCode> Warnings { get; internal set; } = [];

    /// <summary>Gets a value indicating whether the signed attributes and the signature verified with the certificate's key.</summary>
    public bool SignatureValid { get; internal set; }

    /// <summary>Gets a value indicating whether the certificate chains to the trust store, valid at the instant.</summary>
    public bool CertificateTrusted { get; internal set; }

    /// <summary>Gets the signer certificate (from the CMS bag, matched by the signer identifier).</summary>
    public X509Certificate2? Certificate { get; internal set; }

    /// <summary>Gets the trusted path (certificate first, anchor last).</summary>
    public IReadOnlyList<X509Certificate2> Path { get; internal set; } = [];

    /// <summary>Gets the key algorithm.</summary>
    public NcaKeyAlgorithm? KeyAlgorithm { get; internal set; }

    /// <summary>Gets the digest algorithm OID.</summary>
    public string? DigestAlgorithmOid { get; internal set; }

    /// <summary>Gets the signature algorithm OID as written in the SignerInfo.</summary>
    public string? SignatureAlgorithmOid { get; internal set; }

    /// <summary>Gets the signer's own signingTime claim.</summary>
    public DateTimeOffset? SigningTimeClaim { get; internal set; }

    /// <summary>Gets the time of a validated signature timestamp token (trusted signing time).</summary>
    public DateTimeOffset? TimestampTime { get; internal set; }

    /// <summary>Gets the signature value (for digests in evidence).</summary>
    public ReadOnlyMemory<byte> SignatureValue { get; internal set; }

    /// <summary>Gets the validation instant used.</summary>
    public DateTimeOffset ValidationTime { get; internal set; }
}

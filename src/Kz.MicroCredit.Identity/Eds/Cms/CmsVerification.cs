using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Policy of <see cref="NcaCmsVerifier"/>.</summary>
public sealed class CmsVerificationOptions
{
    /// <summary>Gets the trust store signers must chain to (or set <see cref="PathValidator"/>).</summary>
    public NcaTrustStore? TrustStore { get; init; }

    /// <summary>Gets a shared path validator (keeps its cache); overrides <see cref="TrustStore"/>.</summary>
    public NcaCertificatePathValidator? PathValidator { get; init; }

    /// <summary>Gets the validation instant; <see langword="null"/> for now.</summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets the detached content (required for a detached CMS; must equal the encapsulated content when both exist).</summary>
    public ReadOnlyMemory<byte>? DetachedContent { get; init; }

    /// <summary>Gets the accepted key algorithms; <see langword="null"/> for all four.</summary>
    public IReadOnlySet<NcaKeyAlgorithm>? AllowedKeyAlgorithms { get; init; }

    /// <summary>Gets the validator of CAdES-T signature timestamp tokens; <see langword="null"/> to validate them against the same trust store.</summary>
    public TimeStampTokenValidator? TimeStampValidator { get; init; }

    /// <summary>Gets the maximum number of signers.</summary>
    public int MaxSigners { get; init; } = 16;
}

/// <summary>The outcome of verifying a CMS.</summary>
public sealed class CmsVerificationResult
{
    internal CmsVerificationResult(ReasonCode? failure, IReadOnlyList<CmsSignerResult> signers, ReadOnlyMemory<byte> content, bool detached)
    {
        Failure = failure;
        Signers = signers;
        SignedContent = failure is null ? content : default;
        IsDetached = detached;
    }

    /// <summary>Gets a value indicating whether every signer is valid and trusted.</summary>
    public bool IsValid => Failure is null;

    /// <summary>Gets the first failure.</summary>
    public ReasonCode? Failure { get; }

    /// <summary>Gets the signers in SignerInfos order.</summary>
    public IReadOnlyList<CmsSignerResult> Signers { get; }

    /// <summary>Gets the verified signed content (empty unless valid).</summary>
    public ReadOnlyMemory<byte> SignedContent { get; }

    /// <summary>Gets a value indicating whether the CMS was detached.</summary>
    public bool IsDetached { get; }

    internal static CmsVerificationResult Fail(ReasonCode reason) => new(reason, [], default, false);
}

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

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

using Kz.MicroCredit.Identity.Cryptography;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Options of the <c>nca-eds</c> method.</summary>
public sealed class NcaEdsOptions
{
    /// <summary>Gets or sets the bundled trust store: <c>production</c> (default) or <c>test</c>. Ignored when <see cref="TrustStore"/> is set.</summary>
    public string Trust { get; set; } = "production";

    /// <summary>Gets or sets a trust store built in code (e.g. <see cref="NcaTrustStore.Custom"/>); overrides <see cref="Trust"/>.</summary>
    public NcaTrustStore? TrustStore { get; set; }

    /// <summary>Gets or sets the accepted key algorithms; <see langword="null"/> (default) for all four (RSA, GOST 34.310-2004, GOST 34.10-2015 512 and 256).</summary>
    public IReadOnlyList<NcaKeyAlgorithm>? AllowedKeyAlgorithms { get; set; }

    /// <summary>Gets or sets a value indicating whether the signer must hold an individual's certificate (default true).</summary>
    public bool RequireIndividual { get; set; } = true;

    /// <summary>Gets or sets the accepted certificate purposes (default: both AUTH and SIGN).</summary>
    public NcaCertificatePurpose AcceptedPurposes { get; set; } = NcaCertificatePurpose.Both;

    /// <summary>Gets or sets how old the signing time (timestamp, else the signingTime claim) may be. Default 15 minutes; 1 minute to 1 day.</summary>
    public TimeSpan SigningTimeWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the tolerated clock difference. Default 2 minutes; at most 10 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the revocation mode (default hard-fail).</summary>
    public NcaEdsRevocationMode Revocation { get; set; } = NcaEdsRevocationMode.HardFail;

    /// <summary>Gets or sets the maximum signature size in bytes. Default 1 MiB; at most 16 MiB.</summary>
    public int MaxInputBytes { get; set; } = 1024 * 1024;

    internal NcaTrustStore ResolveTrustStore() => TrustStore ?? (string.Equals(Trust, "test", StringComparison.OrdinalIgnoreCase) ? NcaTrustStore.Test : NcaTrustStore.Production);
}

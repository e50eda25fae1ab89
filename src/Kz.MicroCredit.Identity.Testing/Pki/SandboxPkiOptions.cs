using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Testing.Pki;

/// <summary>Options of a <see cref="SandboxPki"/>.</summary>
public sealed class SandboxPkiOptions
{
    /// <summary>Gets or sets the key algorithm of the CAs and of the issued keys. Default GOST 34.10-2015-512 (the current NCA generation).</summary>
    public NcaKeyAlgorithm Algorithm { get; set; } = NcaKeyAlgorithm.Gost2015_512;

    /// <summary>Gets or sets the RSA modulus size of the CA keys (NCA uses 4096; 2048 keeps tests fast). Default 2048.</summary>
    public int RsaCaKeySize { get; set; } = 2048;

    /// <summary>Gets or sets the RSA modulus size of issued keys. Default 2048.</summary>
    public int RsaUserKeySize { get; set; } = 2048;

    /// <summary>Gets or sets the clock for validity periods, signing and revocation times. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets how long issued end-entity certificates are valid. Default one year.</summary>
    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Gets or sets the CRL distribution point URL written into issued certificates (none when null).</summary>
    public Uri? CrlDistributionPoint { get; set; }

    /// <summary>Gets or sets the delta CRL (Freshest CRL) URL written into issued certificates (none when null).</summary>
    public Uri? DeltaCrlDistributionPoint { get; set; }

    /// <summary>Gets or sets the OCSP responder URL written into the AIA of issued certificates (none when null).</summary>
    public Uri? OcspResponder { get; set; }

    /// <summary>Gets or sets the CA issuers URL written into the AIA of issued certificates (none when null).</summary>
    public Uri? CaIssuers { get; set; }

    /// <summary>Gets or sets the name suffix of the CAs; default from the algorithm ("GOST", "GOST 2004", "RSA").</summary>
    public string? NameSuffix { get; set; }
}

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

/// <summary>CRL reason codes (RFC 5280 §5.3.1) for <see cref="SandboxPki.Revoke"/>.</summary>
public enum SandboxRevocationReason
{
    /// <summary>unspecified (0).</summary>
    Unspecified = 0,

    /// <summary>keyCompromise (1).</summary>
    KeyCompromise = 1,

    /// <summary>cACompromise (2).</summary>
    CaCompromise = 2,

    /// <summary>affiliationChanged (3).</summary>
    AffiliationChanged = 3,

    /// <summary>superseded (4).</summary>
    Superseded = 4,

    /// <summary>cessationOfOperation (5).</summary>
    CessationOfOperation = 5,

    /// <summary>certificateHold (6).</summary>
    CertificateHold = 6,

    /// <summary>privilegeWithdrawn (9).</summary>
    PrivilegeWithdrawn = 9,
}

/// <summary>A revoked certificate of a <see cref="SandboxPki"/>.</summary>
/// <param name="SerialNumber">The serial number, upper-case hex as <c>X509Certificate2.SerialNumber</c>.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">Why.</param>
public sealed record SandboxRevokedCertificate(string SerialNumber, DateTimeOffset RevokedAt, SandboxRevocationReason Reason);

/// <summary>The kinds of service certificates a <see cref="SandboxPki"/> issues for simulators.</summary>
public enum SandboxServiceKind
{
    /// <summary>An OCSP responder (EKU OCSPSigning, id-pkix-ocsp-nocheck).</summary>
    OcspResponder = 1,

    /// <summary>A time-stamping authority (critical EKU timeStamping).</summary>
    TimeStampingAuthority = 2,

    /// <summary>An information system / server (legal-entity role 1.2.398.3.3.4.1.2.6), e.g. a SmartBridge client.</summary>
    InformationSystem = 3,
}

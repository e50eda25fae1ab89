namespace Kz.MicroCredit.Identity;

/// <summary>What the start-up checks warn about (bound from <c>Kzid:StartupChecks</c>).</summary>
public sealed class StartupCheckOptions
{
    /// <summary>Gets or sets how many days before a lender certificate (signing key, gateway certificate) expires a warning is logged at start.</summary>
    /// <value>The default value is 30.</value>
    public int CertificateExpiryWarningDays { get; set; } = 30;

    /// <summary>Gets or sets a value indicating whether an expired (or not yet valid) lender certificate fails the start instead of being logged as a warning.</summary>
    /// <value>The default value is <see langword="false"/>: a warning, so that a replay or archive environment running on old keys still starts; turn it on in production.</value>
    public bool FailOnExpiredCertificate { get; set; }
}

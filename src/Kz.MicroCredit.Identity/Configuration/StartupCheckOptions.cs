namespace Kz.MicroCredit.Identity;

/// <summary>What the start-up checks warn about (bound from <c>Kzid:StartupChecks</c>).</summary>
public sealed class StartupCheckOptions
{
    /// <summary>Gets or sets how many days before a lender certificate (signing key, gateway certificate) expires a warning is logged at start.</summary>
    /// <value>The default value is 30. An expired certificate always fails the start.</value>
    public int CertificateExpiryWarningDays { get; set; } = 30;
}

namespace Kz.MicroCredit.Identity;

/// <summary>How evidence reports treat personal data.</summary>
public sealed class EvidenceReportOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether the clear IIN goes into the report. Personal data law applies: opt in only
    /// where the report store is protected accordingly.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IncludeClearIin { get; set; }

    /// <summary>
    /// Gets or sets the lender's secret key (at least 32 bytes) for HMAC-SHA-256 subject tokens, which let a lender find
    /// all reports of one IIN without storing it. A plain hash would not do: 10⁹ IINs are brute-forced in minutes.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no tokens.</value>
    public byte[]? SubjectTokenKey { get; set; }
}

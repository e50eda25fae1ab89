namespace Kz.MicroCredit.Identity;

/// <summary>
/// The names of the sub-sections that
/// <see cref="BorrowerIdentificationConfigurationExtensions.AddBorrowerIdentification(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfigurationSection)"/>
/// reads, one per method: the same names are used in docs/configuration.md and in every validation message.
/// </summary>
public static class KzidConfigurationSections
{
    /// <summary>The policy for every operation: <c>rules-2025</c> or <c>rules-2021</c>.</summary>
    public const string Policy = "Policy";

    /// <summary>Per-operation policies: <c>{ "PhoneNumberChange": "rules-2025" }</c>.</summary>
    public const string OperationPolicies = "OperationPolicies";

    /// <summary>The <c>nca-eds</c> method (<see cref="Eds.NcaEdsOptions"/>).</summary>
    public const string NcaEds = "NcaEds";

    /// <summary>Revocation checking for <c>nca-eds</c> (<see cref="Eds.RevocationOptions"/> plus <c>Preset</c>).</summary>
    public const string Revocation = "Revocation";

    /// <summary>The <c>kcmr-biometrics</c> method (<see cref="Biometrics.KcmrBiometricsOptions"/>).</summary>
    public const string KcmrBiometrics = "KcmrBiometrics";

    /// <summary>The <c>realtime-photo</c> method (<see cref="RealTimePhoto.RealTimePhotoOptions"/>).</summary>
    public const string RealTimePhoto = "RealTimePhoto";

    /// <summary>The <c>egov-phone-ownership</c> method (<see cref="PhoneOwnership.EGovPhoneOwnershipOptions"/>).</summary>
    public const string EGovPhoneOwnership = "EGovPhoneOwnership";

    /// <summary>eGov mobile QR / deep-link signing (<see cref="SigningChannels.EGovMobileSigningOptions"/>).</summary>
    public const string EGovMobileSigning = "EGovMobileSigning";

    /// <summary>Challenge lifetime (<see cref="ChallengeOptions"/>).</summary>
    public const string Challenges = "Challenges";

    /// <summary>Personal data in evidence reports (<see cref="EvidenceReportOptions"/>).</summary>
    public const string EvidenceReports = "EvidenceReports";

    /// <summary>Start-up checks (<see cref="StartupCheckOptions"/>).</summary>
    public const string StartupChecks = "StartupChecks";

    /// <summary>A key inside a method's section: <c>false</c> leaves the method unregistered although its section exists.</summary>
    public const string Enabled = "Enabled";
}

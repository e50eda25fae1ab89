namespace Kz.MicroCredit.Identity;

/// <summary>Preset policies for the versions of the regulator's rules. See docs/policies.md for the legal reading.</summary>
public static class IdentificationPolicies
{
    /// <summary>
    /// Gets the 2021 rule: any of NCA EDS, KCMR CEID biometrics or real-time two-factor photo verification, <b>and</b> the
    /// e-government check that the phone number is registered to the borrower's IIN.
    /// </summary>
    /// <remarks>
    /// Source: Rules for providing microcredits electronically (NBRK Board resolution No. 217 of 28.11.2019) as amended
    /// by ARDFM Board resolutions No. 63 of 30.04.2021 (the three identification methods) and No. 108 of 13.12.2021 (the
    /// mobile-operator check through the e-government gateway: IIN, subscriber number and the fact of registration).
    /// </remarks>
    public static IdentificationPolicy Rules2021 { get; } = IdentificationPolicy.Create("rules-2021")
        .RequireAnyOf(IdentificationMethodId.NcaEds, IdentificationMethodId.KcmrBiometrics, IdentificationMethodId.RealTimePhoto)
        .Require(IdentificationMethodId.EGovPhoneOwnership)
        .Build();

    /// <summary>
    /// Gets the 2025 rule: KCMR CEID biometrics <b>and</b> NCA EDS; the phone-ownership check runs when the request
    /// allows it (optional), and a negative answer from it still rejects.
    /// </summary>
    /// <remarks>
    /// Source: from 1.01.2025 an online microcredit needs biometric identification together with an EDS (National Bank
    /// announcement, ARDFM Board resolution No. 56 of 16.08.2024 on biometric identification); the extra check of the
    /// phone number against the operator's database is optional under these rules.
    /// </remarks>
    public static IdentificationPolicy Rules2025 { get; } = IdentificationPolicy.Create("rules-2025")
        .Require(IdentificationMethodId.KcmrBiometrics)
        .Require(IdentificationMethodId.NcaEds)
        .Optional(IdentificationMethodId.EGovPhoneOwnership)
        .Build();
}

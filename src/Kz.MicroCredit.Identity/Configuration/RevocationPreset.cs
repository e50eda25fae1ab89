namespace Kz.MicroCredit.Identity;

/// <summary>The revocation presets selectable with <c>Kzid:Revocation:Preset</c>.</summary>
public enum RevocationPreset
{
    /// <summary>No preset: the issuers listed under <c>Revocation:Issuers</c> (and <c>OcspResponderUrl</c>, <c>CrlFiles</c>) only.</summary>
    Custom = 0,

    /// <summary>The NCA production OCSP, TSA and CRL endpoints.</summary>
    NcaProduction = 1,

    /// <summary>The NCA test OCSP, TSA and CRL endpoints.</summary>
    NcaTest = 2,

    /// <summary>Revocation explicitly not checked (sandbox, offline tests): <c>nca-eds</c> reports it as not checked.</summary>
    Off = 3,
}

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>Object identifiers of the NCA RK PKI (docs/nca-formats.md §1 and §5) and the standard ones used next to them.</summary>
internal static class NcaOids
{
    // --- Kazakh algorithms (§1) ---
    public const string Gost2004Key = "1.2.398.3.10.1.1.1.1";
    public const string Gost2004Curve = "1.2.398.3.10.1.1.1.1.1";
    public const string Gost2004HashParams = "1.2.398.3.10.1.3.1.1.0";
    public const string Gost2004Signature = "1.2.398.3.10.1.1.1.2";
    public const string Gost34311Digest = "1.2.398.3.10.1.3.1";

    public const string Gost2015Key256 = "1.2.398.3.10.1.1.2.1";
    public const string Gost2015Curve256 = "1.2.398.3.10.1.1.2.1.1";
    public const string Gost2015Key512 = "1.2.398.3.10.1.1.2.2";
    public const string Gost2015Curve512 = "1.2.398.3.10.1.1.2.2.1";
    public const string Gost2015Signature256 = "1.2.398.3.10.1.1.2.3.1";
    public const string Gost2015Signature512 = "1.2.398.3.10.1.1.2.3.2";
    public const string Streebog256Digest = "1.2.398.3.10.1.3.2";
    public const string Streebog512Digest = "1.2.398.3.10.1.3.3";

    // --- standard algorithms ---
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Sha1WithRsa = "1.2.840.113549.1.1.5";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    // --- subject roles, in Extended Key Usage (§5) ---
    public const string RolePrefix = "1.2.398.3.3.4";
    public const string RoleIndividual = "1.2.398.3.3.4.1.1";
    public const string RoleLegalEntity = "1.2.398.3.3.4.1.2";
    public const string RoleFirstHead = "1.2.398.3.3.4.1.2.1";
    public const string RoleSigningRight = "1.2.398.3.3.4.1.2.2";
    public const string RoleFinance = "1.2.398.3.3.4.1.2.3";
    public const string RoleHumanResources = "1.2.398.3.3.4.1.2.4";
    public const string RoleEmployee = "1.2.398.3.3.4.1.2.5";
    public const string RoleInformationSystem = "1.2.398.3.3.4.1.2.6";

    /// <summary>1.2.398.3.3.4.3.*: how the holder was identified (in person, remote, Digital ID).</summary>
    public const string IdentificationMethodPrefix = "1.2.398.3.3.4.3";

    // --- key storage extension (§5) ---
    public const string KeyStorageExtension = "1.2.398.3.3.5";
    public const string KeyStoragePkcs12 = "1.2.398.3.3.5.1.1";
    public const string KeyStorageIdCard = "1.2.398.3.3.5.2.1";
    public const string KeyStorageKaztoken = "1.2.398.3.3.5.2.2";
    public const string KeyStorageJaCarta = "1.2.398.3.3.5.2.5";
    public const string KeyStorageCloud = "1.2.398.3.3.5.3.1";

    // --- certificate policies (§5) ---
    public const string PolicyRoot = "1.2.398.3.3.2";
    public const string Policy1 = "1.2.398.3.3.2.1";
    public const string Policy2 = "1.2.398.3.3.2.2";
    public const string PolicySign = "1.2.398.3.3.2.3";
    public const string PolicyAuth = "1.2.398.3.3.2.4";
    public const string PolicyTsaGost = "1.2.398.3.3.2.6.1";

    // --- standard extensions and EKUs ---
    public const string EkuClientAuth = "1.3.6.1.5.5.7.3.2";
    public const string EkuEmailProtection = "1.3.6.1.5.5.7.3.4";
    public const string EkuOcspSigning = "1.3.6.1.5.5.7.3.9";
    public const string EkuTimeStamping = "1.3.6.1.5.5.7.3.8";
    public const string ExtendedKeyUsage = "2.5.29.37";
    public const string KeyUsage = "2.5.29.15";

    // --- CMS ---
    public const string CmsData = "1.2.840.113549.1.7.1";
    public const string CmsSignedData = "1.2.840.113549.1.7.2";
    public const string AttrContentType = "1.2.840.113549.1.9.3";
    public const string AttrMessageDigest = "1.2.840.113549.1.9.4";
    public const string AttrSigningTime = "1.2.840.113549.1.9.5";
}

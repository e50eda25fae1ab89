using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// The NCA certificate profile (NCA-EDS.md §5) read from a certificate: IIN/BIN, names, role, purpose, key storage, algorithm.
/// Holds personal data: <see cref="ToString"/> prints only non-personal fields.
/// </summary>
public sealed class NcaCertificateInfo
{
    private NcaCertificateInfo()
    {
    }

    /// <summary>Gets the 12 digits after "IIN" in SERIALNUMBER, even when the check digit fails (NCA test certificates carry 123456789011); null when absent. Personal data.</summary>
    public string? IinDigits { get; private init; }

    /// <summary>Gets the IIN when <see cref="IinDigits"/> is a valid IIN.</summary>
    public Iin? Iin { get; private init; }

    /// <summary>Gets the 12 digits after "BIN" in OU, even when the check digit fails; null when absent.</summary>
    public string? BinDigits { get; private init; }

    /// <summary>Gets the BIN when <see cref="BinDigits"/> is a valid BIN.</summary>
    public Bin? Bin { get; private init; }

    /// <summary>Gets the subject common name ("SURNAME NAME", or an organisation/system name). Personal data.</summary>
    public string? CommonName { get; private init; }

    /// <summary>Gets the SURNAME attribute. Personal data.</summary>
    public string? Surname { get; private init; }

    /// <summary>Gets the GIVENNAME attribute, which NCA fills with the patronymic. Personal data.</summary>
    public string? GivenName { get; private init; }

    /// <summary>Gets the organisation (O) of a legal-entity certificate.</summary>
    public string? Organization { get; private init; }

    /// <summary>Gets the e-mail address (E) when present. Personal data.</summary>
    public string? Email { get; private init; }

    /// <summary>Gets the subject role.</summary>
    public NcaSubjectRole Role { get; private init; }

    /// <summary>Gets the legal-entity sub-roles.</summary>
    public NcaLegalEntityRoles LegalEntityRoles { get; private init; }

    /// <summary>Gets what the certificate may be used for.</summary>
    public NcaCertificatePurpose Purpose { get; private init; }

    /// <summary>Gets where the private key is kept.</summary>
    public NcaKeyStorage KeyStorage { get; private init; }

    /// <summary>Gets the key algorithm, or null when the key is not an NCA algorithm.</summary>
    public NcaKeyAlgorithm? KeyAlgorithm { get; private init; }

    /// <summary>Gets the serial number as upper-case hex (big-endian, as <see cref="X509Certificate2.SerialNumber"/>).</summary>
    public string SerialNumber { get; private init; } = string.Empty;

    /// <summary>Gets the issuer distinguished name.</summary>
    public string Issuer { get; private init; } = string.Empty;

    /// <summary>Gets the issuer common name.</summary>
    public string? IssuerCommonName { get; private init; }

    /// <summary>Gets the start of validity (UTC).</summary>
    public DateTimeOffset NotBefore { get; private init; }

    /// <summary>Gets the end of validity (UTC).</summary>
    public DateTimeOffset NotAfter { get; private init; }

    /// <summary>Gets the Extended Key Usage OIDs.</summary>
    public IReadOnlyList<string> ExtendedKeyUsages { get; private init; } = [];

    /// <summary>Gets the certificate policy OIDs.</summary>
    public IReadOnlyList<string> PolicyOids { get; private init; } = [];

    /// <summary>Gets the key usage bits.</summary>
    public X509KeyUsageFlags KeyUsage { get; private init; }

    /// <summary>Reads the profile of a certificate.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The profile.</returns>
    public static NcaCertificateInfo FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string? serialAttr = null, cn = null, surname = null, given = null, org = null, email = null, binDigits = null;
        foreach (X500RelativeDistinguishedName rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            string? value = rdn.GetSingleElementValue();
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.5":
                    serialAttr ??= value;
                    break;
                case "2.5.4.3":
                    cn ??= value;
                    break;
                case "2.5.4.4":
                    surname ??= value;
                    break;
                case "2.5.4.42":
                    given ??= value;
                    break;
                case "2.5.4.10":
                    org ??= value;
                    break;
                case "1.2.840.113549.1.9.1":
                    email ??= value;
                    break;
                case "2.5.4.11":
                    if (binDigits is null && TryDigitsAfter(value, "BIN", out string? b))
                    {
                        binDigits = b;
                    }

                    break;
            }
        }

        string? iinDigits = TryDigitsAfter(serialAttr, "IIN", out string? d) ? d : null;

        var ekus = new List<string>();
        X509KeyUsageFlags keyUsage = X509KeyUsageFlags.None;
        List<string> policies = [];
        NcaKeyStorage storage = NcaKeyStorage.Unknown;
        foreach (X509Extension extension in certificate.Extensions)
        {
            switch (extension.Oid?.Value)
            {
                case NcaOids.ExtendedKeyUsage:
                    foreach (Oid oid in new X509EnhancedKeyUsageExtension(extension, extension.Critical).EnhancedKeyUsages)
                    {
                        if (oid.Value is { } v)
                        {
                            ekus.Add(v);
                        }
                    }

                    break;
                case NcaOids.KeyUsage:
                    keyUsage = new X509KeyUsageExtension(extension, extension.Critical).KeyUsages;
                    break;
                case "2.5.29.32":
                    policies = ReadPolicies(extension.RawData);
                    break;
                case NcaOids.KeyStorageExtension:
                    storage = ReadKeyStorage(extension.RawData);
                    break;
            }
        }

        NcaSubjectRole role = NcaSubjectRole.Unknown;
        NcaLegalEntityRoles legal = NcaLegalEntityRoles.None;
        foreach (string eku in ekus)
        {
            switch (eku)
            {
                case NcaOids.RoleIndividual:
                    role = role == NcaSubjectRole.LegalEntity ? role : NcaSubjectRole.Individual;
                    break;
                case NcaOids.RoleLegalEntity:
                    role = NcaSubjectRole.LegalEntity;
                    break;
                case NcaOids.RoleFirstHead:
                    legal |= NcaLegalEntityRoles.FirstHead;
                    break;
                case NcaOids.RoleSigningRight:
                    legal |= NcaLegalEntityRoles.SigningRight;
                    break;
                case NcaOids.RoleFinance:
                    legal |= NcaLegalEntityRoles.Finance;
                    break;
                case NcaOids.RoleHumanResources:
                    legal |= NcaLegalEntityRoles.HumanResources;
                    break;
                case NcaOids.RoleEmployee:
                    legal |= NcaLegalEntityRoles.Employee;
                    break;
                case NcaOids.RoleInformationSystem:
                    legal |= NcaLegalEntityRoles.InformationSystem;
                    break;
            }
        }

        if (legal != NcaLegalEntityRoles.None)
        {
            role = NcaSubjectRole.LegalEntity;
        }

        NcaKeyAlgorithm? algorithm = certificate.PublicKey.Oid.Value switch
        {
            NcaOids.RsaEncryption => NcaKeyAlgorithm.Rsa,
            NcaOids.Gost2004Key => NcaKeyAlgorithm.Gost2004,
            NcaOids.Gost2015Key512 => NcaKeyAlgorithm.Gost2015_512,
            NcaOids.Gost2015Key256 => NcaKeyAlgorithm.Gost2015_256,
            _ => null,
        };

        string? issuerCn = null;
        foreach (X500RelativeDistinguishedName rdn in certificate.IssuerName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == "2.5.4.3")
            {
                issuerCn = rdn.GetSingleElementValue();
                break;
            }
        }

        return new NcaCertificateInfo
        {
            IinDigits = iinDigits,
            Iin = Identity.Iin.TryParse(iinDigits, out Iin iin) ? iin : null,
            BinDigits = binDigits,
            Bin = Identity.Bin.TryParse(binDigits, out Bin bin) ? bin : null,
            CommonName = cn,
            Surname = surname,
            GivenName = given,
            Organization = org,
            Email = email,
            Role = role,
            LegalEntityRoles = legal,
            Purpose = DerivePurpose(ekus, keyUsage, algorithm),
            KeyStorage = storage,
            KeyAlgorithm = algorithm,
            SerialNumber = certificate.SerialNumber,
            Issuer = certificate.Issuer,
            IssuerCommonName = issuerCn,
            NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            ExtendedKeyUsages = ekus,
            PolicyOids = policies,
            KeyUsage = keyUsage,
        };
    }

    /// <summary>Returns non-personal facts only (role, purpose, algorithm, serial, validity) — never names or IIN.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"NcaCertificateInfo {{ Role = {Role}, LegalEntityRoles = {LegalEntityRoles}, Purpose = {Purpose}, KeyAlgorithm = {KeyAlgorithm?.ToCliName() ?? "unknown"}, KeyStorage = {KeyStorage}, Serial = {SerialNumber}, NotAfter = {NotAfter:yyyy-MM-dd} }}");

    private static NcaCertificatePurpose DerivePurpose(List<string> ekus, X509KeyUsageFlags keyUsage, NcaKeyAlgorithm? algorithm)
    {
        NcaCertificatePurpose purpose = NcaCertificatePurpose.None;
        bool email = ekus.Contains(NcaOids.EkuEmailProtection);
        if (ekus.Contains(NcaOids.EkuClientAuth))
        {
            purpose |= NcaCertificatePurpose.Authentication;
        }

        if (email)
        {
            purpose |= NcaCertificatePurpose.Signing;
            if (algorithm is NcaKeyAlgorithm.Gost2015_512 or NcaKeyAlgorithm.Gost2015_256)
            {
                // GOST-2015 keys carry emailProtection + role and serve both purposes (NCA-EDS.md §5).
                purpose |= NcaCertificatePurpose.Authentication;
            }
        }

        if (purpose == NcaCertificatePurpose.None)
        {
            if ((keyUsage & X509KeyUsageFlags.NonRepudiation) != 0)
            {
                purpose |= NcaCertificatePurpose.Signing;
            }
            else if ((keyUsage & X509KeyUsageFlags.DigitalSignature) != 0)
            {
                purpose |= NcaCertificatePurpose.Authentication;
            }
        }

        return purpose;
    }

    private static bool TryDigitsAfter(string? value, string prefix, out string? digits)
    {
        digits = null;
        if (value is null || value.Length != prefix.Length + 12 || !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string rest = value[prefix.Length..];
        foreach (char c in rest)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        digits = rest;
        return true;
    }

    private static List<string> ReadPolicies(byte[] raw)
    {
        var result = new List<string>();
        try
        {
            var reader = new AsnReader(raw, AsnEncodingRules.DER);
            AsnReader seq = reader.ReadSequence();
            while (seq.HasData)
            {
                AsnReader info = seq.ReadSequence();
                result.Add(info.ReadObjectIdentifier());
            }
        }
        catch (AsnContentException)
        {
            // a malformed policy extension just yields no policies
        }

        return result;
    }

    private static NcaKeyStorage ReadKeyStorage(byte[] raw)
    {
        try
        {
            var reader = new AsnReader(raw, AsnEncodingRules.DER);
            AsnReader seq = reader.ReadSequence();
            NcaKeyStorage found = NcaKeyStorage.Unknown;
            while (seq.HasData)
            {
                string oid = seq.ReadObjectIdentifier();
                NcaKeyStorage storage = oid switch
                {
                    NcaOids.KeyStoragePkcs12 => NcaKeyStorage.Pkcs12File,
                    NcaOids.KeyStorageIdCard => NcaKeyStorage.IdCard,
                    NcaOids.KeyStorageKaztoken => NcaKeyStorage.Kaztoken,
                    NcaOids.KeyStorageJaCarta => NcaKeyStorage.JaCarta,
                    NcaOids.KeyStorageCloud => NcaKeyStorage.Cloud,
                    _ when oid.StartsWith(NcaOids.KeyStorageExtension + ".", StringComparison.Ordinal) => NcaKeyStorage.Other,
                    _ => NcaKeyStorage.Unknown,
                };
                if (found == NcaKeyStorage.Unknown)
                {
                    found = storage;
                }
            }

            return found;
        }
        catch (AsnContentException)
        {
            return NcaKeyStorage.Unknown;
        }
    }
}

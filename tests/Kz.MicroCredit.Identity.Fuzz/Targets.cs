using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.Fuzz;

/// <summary>
/// The fuzz targets, shared by the libFuzzer entry and the built-in mutation loop. A target must never throw: every
/// verifier returns a result with a reason code for bad input. An exception escaping a target, or a hang, is a finding.
/// </summary>
internal static class Targets
{
    public static readonly string[] Names = ["cms", "xml", "cert"];

    private static readonly NcaCertificatePathValidator Validator = new(NcaTrustStore.Test);
    private static readonly DateTimeOffset At = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>EdsInput.TryDecode + NcaCmsVerifier.Verify.</summary>
    public static void Cms(ReadOnlySpan<byte> data)
    {
        if (EdsInput.TryDecode(data.ToArray(), EdsSignatureFormat.Cms, 1 << 20, out _, out ReadOnlyMemory<byte> der, out _))
        {
            _ = NcaCmsVerifier.Verify(der, new CmsVerificationOptions { PathValidator = Validator, ValidationTime = At });
        }
    }

    /// <summary>SafeXml.Load + NcaXmlSignatureVerifier.Verify.</summary>
    public static void Xml(ReadOnlySpan<byte> data) =>
        _ = NcaXmlSignatureVerifier.Verify(data, new XmlSignatureVerificationOptions { PathValidator = Validator, ValidationTime = At }, 1 << 20);

    /// <summary>X509 loading + NcaCertificateInfo + path building.</summary>
    public static void Cert(ReadOnlySpan<byte> data)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(data);
        }
        catch (CryptographicException)
        {
            return; // the platform loader's documented failure; not our parser
        }

        using (certificate)
        {
            try
            {
                _ = NcaCertificateInfo.FromCertificate(certificate);
            }
            catch (CryptographicException)
            {
                // documented failure of the profile parser
            }

            _ = Validator.Validate(certificate, null, At);
        }
    }

    public static bool TryGet(string name, out Action<ReadOnlySpan<byte>> target)
    {
        target = name switch
        {
            "cms" => Cms,
            "xml" => Xml,
            "cert" => Cert,
            _ => null!,
        };
        return target is not null;
    }
}

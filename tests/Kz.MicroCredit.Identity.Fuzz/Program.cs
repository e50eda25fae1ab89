// Coverage-guided fuzz targets (SharpFuzz + libFuzzer) for the parsers that take attacker input:
//   cms  — EdsInput.TryDecode + NcaCmsVerifier.Verify
//   xml  — SafeXml.Load + NcaXmlSignatureVerifier.Verify
//   cert — X509 loading + NcaCertificateInfo + path building
// A target must never throw: every verifier returns a result with a reason code for bad input. An exception or a hang
// is a finding (turn it into a regression test).
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using SharpFuzz;

string target = args.Length > 0 ? args[0] : "xml";
NcaCertificatePathValidator validator = new(NcaTrustStore.Test);
DateTimeOffset at = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

Fuzzer.LibFuzzer.Run(target switch
{
    "cms" => data =>
    {
        if (EdsInput.TryDecode(data.ToArray(), EdsSignatureFormat.Cms, 1 << 20, out _, out ReadOnlyMemory<byte> der, out _))
        {
            _ = NcaCmsVerifier.Verify(der, new CmsVerificationOptions { PathValidator = validator, ValidationTime = at });
        }
    },
    "cert" => data =>
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(data);
        }
        catch (CryptographicException)
        {
            return;
        }

        try
        {
            _ = NcaCertificateInfo.FromCertificate(certificate);
        }
        catch (CryptographicException)
        {
            // documented failure of the profile parser
        }

        _ = validator.Validate(certificate, null, at);
    },
    _ => data =>
    {
        _ = NcaXmlSignatureVerifier.Verify(data, new XmlSignatureVerificationOptions { PathValidator = validator, ValidationTime = at }, 1 << 20);
    },
});

using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>KeyInfo resolution: KeyInfo is only a hint; the candidates still have to verify and chain to the trust store.</summary>
public static partial class NcaXmlSignatureVerifier
{
    private static List<X509Certificate2> ResolveKeyCandidates(XmlDocument document, XmlElement? keyInfo, XmlSignatureVerificationOptions options, NcaCertificatePathValidator validator)
    {
        var result = new List<X509Certificate2>(2);
        if (keyInfo is not null)
        {
            foreach (XmlElement x in Descendants(keyInfo, "X509Certificate", DsNs, MaxKeyCandidates))
            {
                AddCertificate(result, validator, x);
            }

            foreach (XmlElement k in Descendants(keyInfo, "KeyIdentifier", WsseNs, MaxKeyCandidates))
            {
                if (k.GetAttribute("ValueType").EndsWith("#X509v3", StringComparison.Ordinal))
                {
                    AddCertificate(result, validator, k);
                }
            }

            foreach (XmlElement r in Descendants(keyInfo, "Reference", WsseNs, MaxKeyCandidates))
            {
                string uri = r.GetAttribute("URI");
                if (uri.Length > 1 && uri[0] == '#' && FindById(document, uri[1..]) is [{ LocalName: "BinarySecurityToken", NamespaceURI: WsseNs } token])
                {
                    AddCertificate(result, validator, token);
                }
            }

            foreach (XmlElement s in Descendants(keyInfo, "X509IssuerSerial", DsNs, MaxKeyCandidates))
            {
                string issuer = FirstDsChild(s, "X509IssuerName")?.InnerText.Trim() ?? string.Empty;
                string serial = FirstDsChild(s, "X509SerialNumber")?.InnerText.Trim() ?? string.Empty;
                result.AddRange(options.SignerCertificates.Where(c => IssuerSerialMatches(c, issuer, serial)));
            }
        }

        if (result.Count == 0)
        {
            result.AddRange(options.SignerCertificates);
        }

        if (result.Count > MaxKeyCandidates)
        {
            result.RemoveRange(MaxKeyCandidates, result.Count - MaxKeyCandidates);
        }

        return result;
    }

    private static void AddCertificate(List<X509Certificate2> list, NcaCertificatePathValidator validator, XmlElement holder)
    {
        if (XmlBase64.TextOf(holder) is { } text && XmlBase64.InternCertificate(text, validator) is { } certificate)
        {
            list.Add(certificate);
        }
    }

    private static bool IssuerSerialMatches(X509Certificate2 certificate, string issuer, string serial)
    {
        if (serial.Length is 0 or > 100 || !BigInteger.TryParse(serial, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out BigInteger value))
        {
            return false;
        }

        byte[] certSerial = certificate.GetSerialNumber(); // little-endian
        if (new BigInteger(certSerial, isUnsigned: true, isBigEndian: false) != value)
        {
            return false;
        }

        try
        {
            return RdnSet(new X500DistinguishedName(issuer)).SetEquals(RdnSet(certificate.IssuerName));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static HashSet<string> RdnSet(X500DistinguishedName name) =>
        name.EnumerateRelativeDistinguishedNames()
            .Select(r => r.GetSingleElementType().Value + "=" + (r.GetSingleElementValue() ?? string.Empty).Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Reads XAdES (ETSI EN 319 132, namespace 1.3.2) qualifying properties as Kalkan writes them for XAdES-B/T: the
/// SigningTime claim, the SigningCertificate(V2) binding, which must name the certificate whose key verified the
/// signature, and a SignatureTimeStamp over the canonicalised <c>ds:SignatureValue</c> (XAdES-T). Called only with a
/// SignedProperties element that a verified reference digested; the unsigned time-stamp is checked on its own.
/// </summary>
internal static class XadesQualifyingProperties
{
    internal const string XadesNs = "http://uri.etsi.org/01903/v1.3.2#";
    private const int MaxCertReferences = 8;

    public static bool IsSignedProperties(XmlElement element) => element.LocalName == "SignedProperties" && element.NamespaceURI == XadesNs;

    /// <summary>Reads the properties into <paramref name="info"/>; a failure for a malformed property or a certificate binding that does not match.</summary>
    public static ReasonCode? Read(XmlElement signedProperties, XmlElement signatureValue, X509Certificate2 signer, bool allowSha1, NcaCertificatePathValidator validator, XmlSignatureInfo info)
    {
        List<XmlElement> signatureProperties = Children(signedProperties, "SignedSignatureProperties");
        if (signatureProperties.Count > 1)
        {
            return ReasonCode.MalformedSignature;
        }

        if (signatureProperties.Count == 1)
        {
            List<XmlElement> times = Children(signatureProperties[0], "SigningTime");
            if (times.Count > 1)
            {
                return ReasonCode.MalformedSignature;
            }

            if (times.Count == 1)
            {
                if (!TryParseTime(times[0].InnerText, out DateTimeOffset signingTime))
                {
                    return ReasonCode.MalformedSignature;
                }

                info.SigningTime = signingTime;
            }

            List<XmlElement> bindings = [.. Children(signatureProperties[0], "SigningCertificate"), .. Children(signatureProperties[0], "SigningCertificateV2")];
            if (bindings.Count > 1)
            {
                return ReasonCode.MalformedSignature;
            }

            if (bindings.Count == 1 && CheckSigningCertificate(bindings[0], signer, allowSha1) is { } failure)
            {
                return failure;
            }
        }

        ReadSignatureTimeStamp(signedProperties, signatureValue, validator, info);
        return null;
    }

    // The binding lists the signer's certificate (and optionally its issuers): one Cert must carry the signer's digest.
    // A binding that names only other certificates is a substitution, refused as an invalid signature.
    private static ReasonCode? CheckSigningCertificate(XmlElement binding, X509Certificate2 signer, bool allowSha1)
    {
        List<XmlElement> certs = Children(binding, "Cert");
        if (certs.Count is 0 or > MaxCertReferences)
        {
            return ReasonCode.MalformedSignature;
        }

        bool anyDigest = false;
        foreach (XmlElement cert in certs)
        {
            List<XmlElement> certDigest = Children(cert, "CertDigest");
            if (certDigest.Count != 1)
            {
                return ReasonCode.MalformedSignature;
            }

            XmlElement? method = DsChild(certDigest[0], "DigestMethod");
            XmlElement? value = DsChild(certDigest[0], "DigestValue");
            byte[]? expected = value is null ? null : XmlBase64.Decode(value);
            if (method is null || expected is null || expected.Length is 0 or > 128)
            {
                return ReasonCode.MalformedSignature;
            }

            byte[]? actual = EdsCrypto.Digest(method.GetAttribute("Algorithm"), signer.RawData, allowSha1);
            if (actual is null)
            {
                continue;
            }

            anyDigest = true;
            if (CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                return null;
            }
        }

        return anyDigest ? ReasonCode.SignatureInvalid : ReasonCode.UnsupportedAlgorithm;
    }

    // XAdES-T: a time-stamp over the canonicalised ds:SignatureValue element, validated like a CAdES-T token. As for
    // CMS, an unusable token is a warning (TimestampInvalid) and its time is not reported.
    private static void ReadSignatureTimeStamp(XmlElement signedProperties, XmlElement signatureValue, NcaCertificatePathValidator validator, XmlSignatureInfo info)
    {
        if (signedProperties.ParentNode is not XmlElement qualifying)
        {
            return;
        }

        List<XmlElement> stamps = [];
        foreach (XmlElement unsigned in Children(qualifying, "UnsignedProperties"))
        {
            foreach (XmlElement properties in Children(unsigned, "UnsignedSignatureProperties"))
            {
                stamps.AddRange(Children(properties, "SignatureTimeStamp"));
            }
        }

        if (stamps.Count == 0)
        {
            return;
        }

        info.Warnings = [ReasonCode.TimestampInvalid];
        List<XmlElement> tokens = stamps.Count == 1 ? Children(stamps[0], "EncapsulatedTimeStamp") : [];
        if (tokens.Count != 1 || XmlBase64.Decode(tokens[0]) is not { Length: > 0 } token)
        {
            return;
        }

        string c14n = DsChild(stamps[0], "CanonicalizationMethod")?.GetAttribute("Algorithm") ?? XmlCanonicalWriter.C14N;
        if (!XmlCanonicalWriter.IsSupported(c14n))
        {
            return;
        }

        byte[] imprinted = XmlCanonicalWriter.Canonicalize(signatureValue, c14n, null, null, stripComments: !c14n.EndsWith("#WithComments", StringComparison.Ordinal));
        TimeStampValidationResult result = new TimeStampTokenValidator(validator).Validate(token, imprinted);
        if (result.IsValid)
        {
            info.TimestampTime = result.GenTime;
            info.Warnings = [];
        }
    }

    private static bool TryParseTime(string text, out DateTimeOffset value)
    {
        string trimmed = text.Trim();
        if (trimmed.Length is 0 or > 40)
        {
            value = default;
            return false;
        }

        // xs:dateTime; a value without a zone is read as UTC (Kalkan writes an offset or Z).
        bool parsed = DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
        return parsed && trimmed.Contains('T', StringComparison.Ordinal);
    }

    private static List<XmlElement> Children(XmlElement parent, string localName)
    {
        var found = new List<XmlElement>(1);
        for (XmlNode? child = parent.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement e && e.LocalName == localName && e.NamespaceURI == XadesNs)
            {
                found.Add(e);
            }
        }

        return found;
    }

    private static XmlElement? DsChild(XmlElement parent, string localName)
    {
        for (XmlNode? child = parent.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement e && e.LocalName == localName && e.NamespaceURI == NcaXmlSignatureVerifier.DsNs)
            {
                return e;
            }
        }

        return null;
    }
}

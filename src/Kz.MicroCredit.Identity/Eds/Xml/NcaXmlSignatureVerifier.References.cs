using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>References: their shape, transforms and algorithms, and how a URI resolves to exactly one element.</summary>
public static partial class NcaXmlSignatureVerifier
{
    private static ReasonCode? ParseReference(XmlDocument document, XmlElement signature, XmlElement reference, NcaKeyAlgorithm keyAlgorithm, XmlSignatureVerificationOptions options, bool elsewhereAllowed, out ParsedReference? parsed)
    {
        bool allowSha1 = options.AllowSha1ForTestsOnly;
        parsed = null;
        XmlAttribute? uriAttribute = reference.GetAttributeNode("URI");
        if (uriAttribute is null)
        {
            return ReasonCode.ReferenceInvalid;
        }

        List<XmlElement> parts = ElementChildren(reference);
        int index = 0;
        List<XmlElement> transforms = [];
        if (parts.Count > 0 && IsDs(parts[0], "Transforms"))
        {
            transforms = ElementChildren(parts[0]);
            index = 1;
        }

        if (parts.Count != index + 2 || !IsDs(parts[index], "DigestMethod") || !IsDs(parts[index + 1], "DigestValue") || FirstElementChild(parts[index]) is not null)
        {
            return ReasonCode.MalformedSignature;
        }

        string digestMethod = parts[index].GetAttribute("Algorithm");
        if (DigestKeyAlgorithm(digestMethod, allowSha1) is not { } family || !Fits(family, keyAlgorithm))
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        byte[]? digestValue = XmlBase64.Decode(parts[index + 1]);
        if (digestValue is null || digestValue.Length is 0 or > 128)
        {
            return ReasonCode.MalformedSignature;
        }

        bool enveloped = false;
        string c14n = C14N;
        string? prefixList = null;
        int c14nCount = 0;
        for (int i = 0; i < transforms.Count; i++)
        {
            XmlElement t = transforms[i];
            string algorithm = t.GetAttribute("Algorithm");
            if (!IsDs(t, "Transform"))
            {
                return ReasonCode.MalformedSignature;
            }

            if (algorithm == EnvelopedUri && i == 0 && FirstElementChild(t) is null)
            {
                enveloped = true;
            }
            else if (IsCanonicalization(algorithm) && c14nCount == 0 && AllElementChildrenAre(t, IsInclusiveNamespaces))
            {
                c14n = algorithm;
                c14nCount++;
                prefixList = FirstElementChild(t)?.GetAttribute("PrefixList");
            }
            else
            {
                return ReasonCode.UnsupportedAlgorithm;
            }
        }

        string uri = uriAttribute.Value;
        XmlElement target;
        bool whole = uri.Length == 0;
        if (whole)
        {
            target = document.DocumentElement!;
        }
        else if (uri[0] == '#' && uri.Length > 1 && IsNcName(uri[1..]))
        {
            List<XmlElement> found = FindById(document, uri[1..]);
            if (found.Count != 1)
            {
                return ReasonCode.ReferenceInvalid;
            }

            target = found[0];
        }
        else
        {
            return ReasonCode.ReferenceInvalid; // external URIs, XPointer, anything else
        }

        bool containsSignature = IsAncestorOrSelf(target, signature);
        if (containsSignature && !enveloped)
        {
            return ReasonCode.ReferenceInvalid;
        }

        bool isMain = whole
            ? signature.ParentNode == target || IsAncestorOrSelf(target, signature)
            : target == signature.ParentNode || IsWsSecurityBody(target, signature)
                || (elsewhereAllowed && !IsAncestorOrSelf(signature, target));
        bool isExtra = !isMain && !whole && (IsAncestorOrSelf(signature, target) || IsBinarySecurityTokenOfSameHeader(target, signature));
        if (!isMain && !isExtra)
        {
            return ReasonCode.ReferenceInvalid;
        }

        parsed = new ParsedReference(target, whole, isMain, enveloped, c14n, prefixList, digestMethod, digestValue, reference.GetAttribute("Type"));
        return null;
    }

    private static bool IsWsSecurityBody(XmlElement target, XmlElement signature) =>
        target.LocalName == "Body" && SoapNamespaces.Contains(target.NamespaceURI)
        && target.ParentNode is XmlElement envelope && envelope.LocalName == "Envelope" && envelope.NamespaceURI == target.NamespaceURI
        && envelope.ParentNode is XmlDocument
        && signature.ParentNode is XmlElement security && security.LocalName == "Security" && security.NamespaceURI == WsseNs
        && security.ParentNode is XmlElement header && header.LocalName == "Header" && header.NamespaceURI == target.NamespaceURI
        && header.ParentNode == envelope;

    private static bool IsBinarySecurityTokenOfSameHeader(XmlElement target, XmlElement signature) =>
        target.LocalName == "BinarySecurityToken" && target.NamespaceURI == WsseNs && target.ParentNode == signature.ParentNode;

    /// <summary>Every element carrying <paramref name="id"/> in an accepted Id attribute (Id, ID, id, wsu:Id).</summary>
    internal static List<XmlElement> FindById(XmlDocument document, string id)
    {
        var found = new List<XmlElement>(2);
        for (XmlNode? node = NextInDocumentOrder(document, document); node is not null; node = NextInDocumentOrder(document, node))
        {
            if (node is not XmlElement { HasAttributes: true } element)
            {
                continue;
            }

            if (HasId(element, id))
            {
                found.Add(element);
                if (found.Count > 1)
                {
                    break;
                }
            }
        }

        return found;
    }

    private static bool HasId(XmlElement element, string id) =>
        element.GetAttribute("Id") == id || element.GetAttribute("ID") == id || element.GetAttribute("id") == id || element.GetAttribute("Id", WsuNs) == id;

    /// <summary>Whether a Reference of the signature's SignedInfo names <paramref name="element"/> by one of its Ids (the signature placed elsewhere).</summary>
    private static bool ReferencesById(XmlElement signature, XmlElement element)
    {
        if (FirstDsChild(signature, "SignedInfo") is not { } signedInfo)
        {
            return false;
        }

        for (XmlNode? child = signedInfo.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement reference && IsDs(reference, "Reference") && reference.GetAttribute("URI") is { Length: > 1 } uri && uri[0] == '#' && HasId(element, uri[1..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNcName(string value)
    {
        if (value.Length > 256)
        {
            return false;
        }

        try
        {
            XmlConvert.VerifyNCName(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
    private static NcaKeyAlgorithm? SignatureKeyAlgorithm(string uri, bool allowSha1) => uri switch
    {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" or "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => NcaKeyAlgorithm.Rsa,
        EdsCrypto.RsaSha1Uri when allowSha1 => NcaKeyAlgorithm.Rsa,
        "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311" => NcaKeyAlgorithm.Gost2004,
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512" => NcaKeyAlgorithm.Gost2015_512,
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-256" => NcaKeyAlgorithm.Gost2015_256,
        _ => null,
    };

    private static NcaKeyAlgorithm? DigestKeyAlgorithm(string uri, bool allowSha1) => uri switch
    {
        "http://www.w3.org/2001/04/xmlenc#sha256" or "http://www.w3.org/2001/04/xmlenc#sha512" => NcaKeyAlgorithm.Rsa,
        EdsCrypto.Sha1Uri when allowSha1 => NcaKeyAlgorithm.Rsa,
        "http://www.w3.org/2001/04/xmldsig-more#gost34311" => NcaKeyAlgorithm.Gost2004,
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512" => NcaKeyAlgorithm.Gost2015_512,
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256" => NcaKeyAlgorithm.Gost2015_256,
        _ => null,
    };

    private static bool Fits(NcaKeyAlgorithm digestFamily, NcaKeyAlgorithm keyAlgorithm) => digestFamily == keyAlgorithm;

    private static bool IsCanonicalization(string uri) => XmlCanonicalWriter.IsSupported(uri);

    private static bool IsInclusiveNamespaces(XmlElement e) => e.LocalName == "InclusiveNamespaces" && e.NamespaceURI == ExcC14N;

    private static bool IsDs(XmlElement e, string localName) => e.LocalName == localName && e.NamespaceURI == DsNs;

    private sealed record ParsedReference(XmlElement Target, bool WholeDocument, bool IsMain, bool Enveloped, string C14N, string? PrefixList, string DigestMethod, byte[] DigestValue, string Type);
}

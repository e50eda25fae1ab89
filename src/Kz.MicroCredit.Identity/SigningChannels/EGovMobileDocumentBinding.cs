using System.Xml;
using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// Whether what the phone signed is exactly what was served: the challenge element (its attributes), a lender's XML
/// document (the same tree, with only XMLDSig <c>Signature</c> elements added under the root; whitespace-only text is
/// formatting and ignored), CMS content byte for byte; and whether an Eds sign-in names the session.
/// </summary>
internal static class EGovMobileDocumentBinding
{
    private const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    // The signed root must be the served challenge element: same name, same attributes, only Signature elements added.
    public static bool SameChallengeElement(XmlElement served, XmlElement? signed)
    {
        if (signed is null || !SameNameAndAttributes(served, signed))
        {
            return false;
        }

        foreach (XmlNode child in signed.ChildNodes)
        {
            bool allowed = child.NodeType == XmlNodeType.Whitespace || child.NodeType == XmlNodeType.SignificantWhitespace || IsSignature(child);
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The signed document is the served one with only Signature elements added under its root.</summary>
    public static bool SameDocument(XmlElement served, XmlElement? signed) => signed is not null && SameElement(served, signed, isRoot: true);

    public static bool SameXml(byte[] served, XmlElement? signed, bool isChallenge) =>
        SafeXml.TryLoad(served, served.Length + 1, out XmlDocument? document, out _)
        && (isChallenge ? SameChallengeElement(document.DocumentElement!, signed) : SameDocument(document.DocumentElement!, signed));

    /// <summary>An Eds sign-in names the session: some element's text is the session id or the API 2 URL.</summary>
    public static bool NamesSession(XmlElement? signed, string sessionId, string api2Url)
    {
        if (signed is null)
        {
            return false;
        }

        foreach (XmlElement element in signed.GetElementsByTagName("*").OfType<XmlElement>().Prepend(signed))
        {
            if (element.ChildNodes.OfType<XmlElement>().Any() || IsInsideSignature(element))
            {
                continue;
            }

            string text = element.InnerText.Trim();
            if (string.Equals(text, sessionId, StringComparison.Ordinal) || string.Equals(text, api2Url, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameElement(XmlElement served, XmlElement signed, bool isRoot)
    {
        if (!SameNameAndAttributes(served, signed))
        {
            return false;
        }

        List<XmlNode> a = Content(served, skipSignatures: false);
        List<XmlNode> b = Content(signed, skipSignatures: isRoot);
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            bool same = (a[i], b[i]) switch
            {
                (XmlElement x, XmlElement y) => SameElement(x, y, isRoot: false),
                (XmlCharacterData x, XmlCharacterData y) when x is not XmlComment && y is not XmlComment => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
                (XmlComment x, XmlComment y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
                (XmlProcessingInstruction x, XmlProcessingInstruction y) => x.Target == y.Target && x.Data == y.Data,
                _ => false,
            };
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static List<XmlNode> Content(XmlElement element, bool skipSignatures)
    {
        var nodes = new List<XmlNode>();
        foreach (XmlNode child in element.ChildNodes)
        {
            if (child.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace
                || (child is XmlText text && string.IsNullOrWhiteSpace(text.Value))
                || (skipSignatures && IsSignature(child)))
            {
                continue;
            }

            nodes.Add(child);
        }

        return nodes;
    }

    private static bool SameNameAndAttributes(XmlElement served, XmlElement signed)
    {
        if (signed.LocalName != served.LocalName || signed.NamespaceURI != served.NamespaceURI || signed.Attributes.Count != served.Attributes.Count)
        {
            return false;
        }

        foreach (XmlAttribute attribute in served.Attributes)
        {
            if (signed.GetAttributeNode(attribute.LocalName, attribute.NamespaceURI)?.Value != attribute.Value)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSignature(XmlNode node) => node is XmlElement { LocalName: "Signature", NamespaceURI: XmlDsig };

    private static bool IsInsideSignature(XmlElement element)
    {
        for (XmlNode? n = element; n is not null; n = n.ParentNode)
        {
            if (n is XmlElement { NamespaceURI: XmlDsig })
            {
                return true;
            }
        }

        return false;
    }
}

using System.Text;
using System.Xml;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// What part of a document a signature covers, said plainly: a location for each signed element and whether the
/// document as a whole is signed. A valid signature over one element says nothing about its neighbours, so a reader that
/// consumes the whole document needs <see cref="CoversDocument"/>.
/// </summary>
internal static class XmlSignatureCoverage
{
    /// <summary>
    /// Whether the signed elements include the document element or, for a SOAP envelope whose children are at most one
    /// Header and exactly one Body, that Body (a second Body, e.g. an unsigned one placed before the signed one, means
    /// the envelope as read is not covered).
    /// </summary>
    public static bool CoversDocument(XmlDocument document, IReadOnlyList<XmlElement> signedElements)
    {
        if (document.DocumentElement is not { } root || signedElements.Count == 0)
        {
            return false;
        }

        return signedElements.Contains(root) || (SingleSoapBody(root) is { } body && signedElements.Contains(body));
    }

    /// <summary>The Body of a SOAP envelope made of an optional Header then one Body, nothing else; otherwise <see langword="null"/>.</summary>
    public static XmlElement? SingleSoapBody(XmlElement root)
    {
        if (root.LocalName != "Envelope" || !NcaXmlSignatureVerifier.SoapNamespaces.Contains(root.NamespaceURI))
        {
            return null;
        }

        XmlElement? body = null;
        int index = 0;
        for (XmlNode? child = root.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is not XmlElement element)
            {
                continue;
            }

            bool soap = element.NamespaceURI == root.NamespaceURI;
            if (soap && element.LocalName == "Header" && index == 0)
            {
                index++;
                continue;
            }

            if (!soap || element.LocalName != "Body" || body is not null)
            {
                return null;
            }

            body = element;
            index++;
        }

        return body;
    }

    /// <summary>
    /// A location such as <c>/root/a[1]</c>: qualified names as written, with the position among same-named siblings
    /// (counted by namespace and local name) below the document element.
    /// </summary>
    public static string Location(XmlElement element)
    {
        var steps = new List<string>();
        for (XmlElement? e = element; e is not null; e = e.ParentNode as XmlElement)
        {
            if (e.ParentNode is XmlDocument)
            {
                steps.Add(e.Name);
                break;
            }

            int position = 1;
            for (XmlNode? sibling = e.PreviousSibling; sibling is not null; sibling = sibling.PreviousSibling)
            {
                if (sibling is XmlElement s && s.LocalName == e.LocalName && s.NamespaceURI == e.NamespaceURI)
                {
                    position++;
                }
            }

            steps.Add(e.Name + "[" + position.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
        }

        var text = new StringBuilder();
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            text.Append('/').Append(steps[i]);
        }

        return text.ToString();
    }
}

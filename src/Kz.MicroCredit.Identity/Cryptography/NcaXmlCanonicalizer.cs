using System.Security.Cryptography.Xml;
using System.Xml;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// XML canonicalisation as Kalkan/Santuario sees it (NCA-EDS.md §4): a subtree (SignedInfo, a referenced element) is
/// canonicalised from the original document with the namespace declarations in scope on its ancestors, so the CR of
/// <c>&amp;#13;</c> and inherited namespaces are kept (the SignedXml re-parse loses them). Uses the transform classes of
/// System.Security.Cryptography.Xml directly — no CryptoConfig registration.
/// </summary>
internal static class NcaXmlCanonicalizer
{
    public const string XmlDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";
    public const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string C14NWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    public const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public const string ExcC14NWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
    public const string EnvelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>Gets a value indicating whether a URI names one of the four supported canonicalisation algorithms.</summary>
    /// <param name="algorithm">The URI.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public static bool IsSupported(string? algorithm) => algorithm is C14N or C14NWithComments or ExcC14N or ExcC14NWithComments;

    /// <summary>Canonicalises an element subtree of its document, carrying the ancestors' in-scope namespace declarations.</summary>
    /// <param name="element">The element (SignedInfo, or a referenced element).</param>
    /// <param name="algorithm">The C14N algorithm URI.</param>
    /// <param name="inclusiveNamespacesPrefixList">For exclusive C14N: the InclusiveNamespaces PrefixList, if any.</param>
    /// <param name="exclude">An element to leave out (the enveloped signature), if any.</param>
    /// <returns>The canonical bytes (UTF-8).</returns>
    public static byte[] CanonicalizeElement(XmlElement element, string algorithm, string? inclusiveNamespacesPrefixList = null, XmlElement? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(element);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var clone = (XmlElement)document.ImportNode(element, deep: true);
        document.AppendChild(clone);
        if (exclude is not null)
        {
            RemoveCorresponding(element, clone, exclude);
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (XmlAttribute attribute in clone.Attributes)
        {
            if (attribute.NamespaceURI == XmlnsNamespace)
            {
                declared.Add(attribute.Prefix == "xmlns" ? attribute.LocalName : string.Empty);
            }
        }

        for (XmlNode? ancestor = element.ParentNode; ancestor is XmlElement parent; ancestor = ancestor.ParentNode)
        {
            foreach (XmlAttribute attribute in parent.Attributes)
            {
                if (attribute.NamespaceURI != XmlnsNamespace)
                {
                    continue;
                }

                string prefix = attribute.Prefix == "xmlns" ? attribute.LocalName : string.Empty;
                if (!declared.Add(prefix) || (prefix.Length == 0 && attribute.Value.Length == 0))
                {
                    continue;
                }

                XmlAttribute copy = prefix.Length == 0
                    ? document.CreateAttribute("xmlns", XmlnsNamespace)
                    : document.CreateAttribute("xmlns", prefix, XmlnsNamespace);
                copy.Value = attribute.Value;
                clone.Attributes.Append(copy);
            }
        }

        return Transform(document, algorithm, inclusiveNamespacesPrefixList);
    }

    /// <summary>
    /// Canonicalises a whole document for a same-document reference <c>URI=""</c>: comments are discarded (XMLDSig: the
    /// empty URI dereferences to the node-set without comments), the enveloped signature is removed.
    /// </summary>
    /// <param name="document">The document.</param>
    /// <param name="algorithm">The C14N algorithm URI.</param>
    /// <param name="exclude">The enveloped signature to leave out, if any.</param>
    /// <returns>The canonical bytes.</returns>
    public static byte[] CanonicalizeDocument(XmlDocument document, string algorithm, XmlElement? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var copy = (XmlDocument)document.CloneNode(deep: true);
        copy.PreserveWhitespace = true;
        if (exclude is not null)
        {
            RemoveCorresponding(document, copy, exclude);
        }

        foreach (XmlNode comment in copy.SelectNodes("//comment()")!.Cast<XmlNode>().ToList())
        {
            comment.ParentNode!.RemoveChild(comment);
        }

        return Transform(copy, algorithm, null);
    }

    private static byte[] Transform(XmlDocument document, string algorithm, string? prefixList)
    {
        System.Security.Cryptography.Xml.Transform transform = algorithm switch
        {
            C14N => new XmlDsigC14NTransform(),
            C14NWithComments => new XmlDsigC14NWithCommentsTransform(),
            ExcC14N => prefixList is null ? new XmlDsigExcC14NTransform() : new XmlDsigExcC14NTransform(prefixList),
            ExcC14NWithComments => prefixList is null ? new XmlDsigExcC14NWithCommentsTransform() : new XmlDsigExcC14NWithCommentsTransform(prefixList),
            _ => throw new NotSupportedException("The canonicalisation algorithm is not supported."),
        };
        transform.LoadInput(document);
        using var stream = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void RemoveCorresponding(XmlNode originalRoot, XmlNode cloneRoot, XmlNode target)
    {
        // Walk the path of child indices from the original root to the target, then follow it in the clone.
        var path = new Stack<int>();
        for (XmlNode? node = target; node is not null && node != originalRoot; node = node.ParentNode)
        {
            XmlNode? parent = node.ParentNode ?? throw new ArgumentException("The excluded node is not inside the subtree.", nameof(target));
            int index = 0;
            for (XmlNode? sibling = parent.FirstChild; sibling != node; sibling = sibling!.NextSibling)
            {
                index++;
            }

            path.Push(index);
        }

        XmlNode current = cloneRoot;
        while (path.Count > 0)
        {
            current = current.ChildNodes[path.Pop()]!;
        }

        current.ParentNode!.RemoveChild(current);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

/// <summary>
/// The REFERENCE canonicalisation: the import-into-a-scratch-document + System.Security.Cryptography.Xml transform path
/// that the verifier (<see cref="Canonicalize"/>) and the signer (<see cref="CanonicalizeElement"/>,
/// <see cref="CanonicalizeDocument"/>) used before <see cref="XmlCanonicalWriter"/>. Kept verbatim for the differential
/// tests: the direct writer must produce the same bytes.
/// </summary>
internal static class ReferenceCanonicalizer
{
    private const string XmlnsNs = "http://www.w3.org/2000/xmlns/";

    public static byte[] Canonicalize(XmlNode node, string algorithm, string? prefixList, XmlElement? exclude, bool stripComments)
    {
        var work = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        List<int>? excludePath = exclude is null ? null : ChildPath(node, exclude);
        XmlNode container;
        if (node is XmlDocument source)
        {
            foreach (XmlNode child in source.ChildNodes)
            {
                if (child.NodeType is XmlNodeType.Element or XmlNodeType.ProcessingInstruction or XmlNodeType.Comment)
                {
                    work.AppendChild(work.ImportNode(child, true));
                }
                else
                {
                    work.AppendChild(work.CreateComment("placeholder")); // keeps child indexes; comments are dropped below
                }
            }

            container = work;
        }
        else
        {
            var element = (XmlElement)node;
            var copy = (XmlElement)work.ImportNode(element, true);
            work.AppendChild(copy);
            for (XmlNode? p = element.ParentNode; p is XmlElement ancestor; p = ancestor.ParentNode)
            {
                foreach (XmlAttribute a in ancestor.Attributes)
                {
                    if (a.NamespaceURI == XmlnsNs && copy.GetAttributeNode(a.LocalName == "xmlns" ? "xmlns" : "xmlns:" + a.LocalName) is null)
                    {
                        XmlAttribute declaration = a.Prefix.Length == 0 ? work.CreateAttribute("xmlns", XmlnsNs) : work.CreateAttribute("xmlns", a.LocalName, XmlnsNs);
                        declaration.Value = a.Value;
                        copy.Attributes.Append(declaration);
                    }
                }
            }

            container = copy;
        }

        if (excludePath is not null)
        {
            XmlNode target = container;
            foreach (int i in excludePath)
            {
                target = target.ChildNodes[i]!;
            }

            target.ParentNode!.RemoveChild(target);
        }

        if (node is XmlDocument)
        {
            foreach (XmlNode placeholder in work.ChildNodes.OfType<XmlComment>().Where(c => c.Value == "placeholder").ToList())
            {
                work.RemoveChild(placeholder);
            }
        }

        if (stripComments)
        {
            // A tree walk instead of compiling and evaluating the XPath //comment() on every canonicalisation.
            var comments = new List<XmlNode>();
            CollectComments(work, comments);
            foreach (XmlNode comment in comments)
            {
                comment.ParentNode!.RemoveChild(comment);
            }
        }

        Transform transform = algorithm switch
        {
            XmlCanonicalWriter.C14N => new XmlDsigC14NTransform(false),
            XmlCanonicalWriter.C14NWithComments => new XmlDsigC14NTransform(true),
            XmlCanonicalWriter.ExcC14N => new XmlDsigExcC14NTransform(false, string.IsNullOrWhiteSpace(prefixList) ? null : prefixList),
            XmlCanonicalWriter.ExcC14NWithComments => new XmlDsigExcC14NTransform(true, string.IsNullOrWhiteSpace(prefixList) ? null : prefixList),
            _ => throw new CryptographicException("Canonicalization not allowed."),
        };
        transform.LoadInput(work);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        output.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void CollectComments(XmlNode node, List<XmlNode> comments)
    {
        var pending = new Stack<XmlNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            XmlNode current = pending.Pop();
            for (XmlNode? child = current.LastChild; child is not null; child = child.PreviousSibling)
            {
                if (child.NodeType == XmlNodeType.Comment)
                {
                    comments.Add(child);
                }
                else if (child.HasChildNodes)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static List<int> ChildPath(XmlNode container, XmlNode node)
    {
        var path = new List<int>();
        for (XmlNode n = node; n != container; n = n.ParentNode ?? throw new InvalidOperationException("Not a descendant."))
        {
            int index = 0;
            for (XmlNode? s = n.PreviousSibling; s is not null; s = s.PreviousSibling)
            {
                index++;
            }

            path.Add(index);
        }

        path.Reverse();
        return path;
    }

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
            if (attribute.NamespaceURI == XmlnsNs)
            {
                declared.Add(attribute.Prefix == "xmlns" ? attribute.LocalName : string.Empty);
            }
        }

        for (XmlNode? ancestor = element.ParentNode; ancestor is XmlElement parent; ancestor = ancestor.ParentNode)
        {
            foreach (XmlAttribute attribute in parent.Attributes)
            {
                if (attribute.NamespaceURI != XmlnsNs)
                {
                    continue;
                }

                string prefix = attribute.Prefix == "xmlns" ? attribute.LocalName : string.Empty;
                if (!declared.Add(prefix) || (prefix.Length == 0 && attribute.Value.Length == 0))
                {
                    continue;
                }

                XmlAttribute copy = prefix.Length == 0
                    ? document.CreateAttribute("xmlns", XmlnsNs)
                    : document.CreateAttribute("xmlns", prefix, XmlnsNs);
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
            XmlCanonicalWriter.C14N => new XmlDsigC14NTransform(),
            XmlCanonicalWriter.C14NWithComments => new XmlDsigC14NWithCommentsTransform(),
            XmlCanonicalWriter.ExcC14N => prefixList is null ? new XmlDsigExcC14NTransform() : new XmlDsigExcC14NTransform(prefixList),
            XmlCanonicalWriter.ExcC14NWithComments => prefixList is null ? new XmlDsigExcC14NWithCommentsTransform() : new XmlDsigExcC14NWithCommentsTransform(prefixList),
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

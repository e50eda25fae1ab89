using System.Security.Cryptography.Xml;
using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Exclusive XML canonicalization (no comments) of one element of a document, with the namespace context of its
/// ancestors carried along (what the reference processing of XMLDSig does for a same-document <c>#id</c> reference).
/// </summary>
internal static class WsseCanonicalizer
{
    public static byte[] Canonicalize(XmlElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var copy = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = (XmlElement)copy.ImportNode(element, deep: true);
        copy.AppendChild(root);

        // Carry in-scope namespace declarations of the ancestors; exclusive C14N then keeps only the visibly used ones.
        for (XmlNode? ancestor = element.ParentNode; ancestor is XmlElement a; ancestor = a.ParentNode)
        {
            foreach (XmlAttribute attribute in a.Attributes)
            {
                if (attribute.NamespaceURI != SmartBridgeNamespaces.Xmlns)
                {
                    continue;
                }

                if (!root.HasAttribute(attribute.Name))
                {
                    XmlAttribute declaration = attribute.Prefix == "xmlns"
                        ? copy.CreateAttribute("xmlns", attribute.LocalName, SmartBridgeNamespaces.Xmlns)
                        : copy.CreateAttribute("xmlns");
                    declaration.Value = attribute.Value;
                    root.Attributes.Append(declaration);
                }
            }
        }

        var transform = new XmlDsigExcC14NTransform(includeComments: false);
        transform.LoadInput(copy);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        output.CopyTo(buffer);
        return buffer.ToArray();
    }
}

using System.Xml;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>DOM walking without live node lists, and the small element tests every step uses.</summary>
public static partial class NcaXmlSignatureVerifier
{
    private static bool IsAncestorOrSelf(XmlNode ancestor, XmlNode node)
    {
        for (XmlNode? n = node; n is not null; n = n.ParentNode)
        {
            if (n == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static List<XmlElement> ElementChildren(XmlElement e)
    {
        var list = new List<XmlElement>(4);
        for (XmlNode? child = e.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement element)
            {
                list.Add(element);
            }
        }

        return list;
    }

    private static XmlElement? FirstElementChild(XmlElement e)
    {
        for (XmlNode? child = e.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement element)
            {
                return element;
            }
        }

        return null;
    }

    private static bool AllElementChildrenAre(XmlElement e, Func<XmlElement, bool> predicate)
    {
        for (XmlNode? child = e.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement element && !predicate(element))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllAre(List<XmlElement> elements, int from, Func<XmlElement, bool> predicate)
    {
        for (int i = from; i < elements.Count; i++)
        {
            if (!predicate(elements[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Descendant elements (not <paramref name="root"/> itself) in document order, as GetElementsByTagName gives them, without its live list.</summary>
    private static List<XmlElement> Descendants(XmlNode root, string localName, string namespaceUri, int max)
    {
        var found = new List<XmlElement>();
        for (XmlNode? node = NextInDocumentOrder(root, root); node is not null && found.Count < max; node = NextInDocumentOrder(root, node))
        {
            if (node is XmlElement element && element.LocalName == localName && element.NamespaceURI == namespaceUri)
            {
                found.Add(element);
            }
        }

        return found;
    }

    /// <summary>The next node after <paramref name="node"/> in document order inside <paramref name="root"/>; <see langword="null"/> at the end.</summary>
    private static XmlNode? NextInDocumentOrder(XmlNode root, XmlNode node)
    {
        if (node.NodeType is XmlNodeType.Element or XmlNodeType.Document && node.FirstChild is { } child)
        {
            return child;
        }

        for (XmlNode? n = node; n is not null && !ReferenceEquals(n, root); n = n.ParentNode)
        {
            if (n.NextSibling is { } sibling)
            {
                return sibling;
            }
        }

        return null;
    }

    private static XmlElement? FirstDsChild(XmlElement e, string localName)
    {
        for (XmlNode? child = e.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement element && IsDs(element, localName))
            {
                return element;
            }
        }

        return null;
    }
}

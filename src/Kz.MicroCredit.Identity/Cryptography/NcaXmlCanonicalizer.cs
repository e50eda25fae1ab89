using System.Xml;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// XML canonicalisation as Kalkan/Santuario sees it (docs/nca-formats.md §4): a subtree (SignedInfo, a referenced element) is
/// canonicalised from the original document with the namespace declarations in scope on its ancestors, so the CR of
/// <c>&amp;#13;</c> and inherited namespaces are kept (the SignedXml re-parse loses them). The signer's entry points;
/// the bytes come from <see cref="XmlCanonicalWriter"/>, the same writer the verifier uses.
/// </summary>
internal static class NcaXmlCanonicalizer
{
    public const string XmlDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";
    public const string C14N = XmlCanonicalWriter.C14N;
    public const string C14NWithComments = XmlCanonicalWriter.C14NWithComments;
    public const string ExcC14N = XmlCanonicalWriter.ExcC14N;
    public const string ExcC14NWithComments = XmlCanonicalWriter.ExcC14NWithComments;
    public const string EnvelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

    /// <summary>Gets a value indicating whether a URI names one of the four supported canonicalisation algorithms.</summary>
    /// <param name="algorithm">The URI.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public static bool IsSupported(string? algorithm) => XmlCanonicalWriter.IsSupported(algorithm);

    /// <summary>Canonicalises an element subtree of its document, carrying the ancestors' in-scope namespace declarations.</summary>
    /// <param name="element">The element (SignedInfo, or a referenced element).</param>
    /// <param name="algorithm">The C14N algorithm URI (comments kept when it says so).</param>
    /// <param name="inclusiveNamespacesPrefixList">For exclusive C14N: the InclusiveNamespaces PrefixList, if any.</param>
    /// <param name="exclude">An element to leave out (the enveloped signature), if any.</param>
    /// <returns>The canonical bytes (UTF-8).</returns>
    public static byte[] CanonicalizeElement(XmlElement element, string algorithm, string? inclusiveNamespacesPrefixList = null, XmlElement? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(element);
        return XmlCanonicalWriter.Canonicalize(element, algorithm, inclusiveNamespacesPrefixList, exclude, stripComments: false);
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
        return XmlCanonicalWriter.Canonicalize(document, algorithm, null, exclude, stripComments: true);
    }
}

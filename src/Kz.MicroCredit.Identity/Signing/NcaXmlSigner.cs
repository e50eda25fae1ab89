using System.Security.Cryptography;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Signing;

/// <summary>
/// Produces XMLDSig the way NCALayer/KalkanCrypt does: an enveloped signature with <c>URI=""</c>, inclusive C14N of
/// SignedInfo, transforms enveloped-signature + C14N#WithComments, and KeyInfo/X509Data/X509Certificate; or a by-Id
/// reference (<c>URI="#id"</c>) with exclusive C14N. A signature is appended as the last child of the root element, so
/// signing an already signed document stacks the signatures (each new one covers the earlier ones).
/// </summary>
public static class NcaXmlSigner
{
    private const string Ds = "ds";
    private const string Ns = NcaXmlCanonicalizer.XmlDsigNamespace;

    /// <summary>Signs a whole document with an enveloped signature (<c>URI=""</c>).</summary>
    /// <param name="xml">The XML document.</param>
    /// <param name="signer">The signer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The signed document.</returns>
    /// <exception cref="XmlException">The input is not well-formed XML.</exception>
    public static async Task<string> SignEnvelopedAsync(string xml, INcaSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(signer);
        XmlDocument document = Load(xml);
        byte[] digest = signer.ComputeDigest(NcaXmlCanonicalizer.CanonicalizeDocument(document, NcaXmlCanonicalizer.C14NWithComments));
        await AppendSignatureAsync(
            document.DocumentElement!,
            signer,
            NcaXmlCanonicalizer.C14N,
            string.Empty,
            [NcaXmlCanonicalizer.EnvelopedSignature, NcaXmlCanonicalizer.C14NWithComments],
            digest,
            cancellationToken).ConfigureAwait(false);
        return document.OuterXml;
    }

    /// <summary>Signs the element whose <c>Id</c> (or <c>ID</c>, <c>id</c>, <c>wsu:Id</c>) is <paramref name="id"/>, with exclusive C14N.</summary>
    /// <param name="xml">The XML document.</param>
    /// <param name="id">The Id of the element to sign (exactly one element must carry it).</param>
    /// <param name="signer">The signer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The signed document.</returns>
    /// <exception cref="XmlException">The input is not well-formed XML.</exception>
    /// <exception cref="ArgumentException">No element, or more than one, carries the Id.</exception>
    public static async Task<string> SignByIdAsync(string xml, string id, INcaSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(signer);
        XmlDocument document = Load(xml);
        List<XmlElement> matches = document.SelectNodes("//*")!.Cast<XmlElement>().Where(e => HasId(e, id)).ToList();
        if (matches.Count != 1)
        {
            throw new ArgumentException("Exactly one element must carry the Id.", nameof(id));
        }

        XmlElement target = matches[0];
        XmlElement root = document.DocumentElement!;
        bool enveloped = target == root;
        byte[] digest = signer.ComputeDigest(NcaXmlCanonicalizer.CanonicalizeElement(target, NcaXmlCanonicalizer.ExcC14N));
        string[] transforms = enveloped
            ? [NcaXmlCanonicalizer.EnvelopedSignature, NcaXmlCanonicalizer.ExcC14N]
            : [NcaXmlCanonicalizer.ExcC14N];
        await AppendSignatureAsync(root, signer, NcaXmlCanonicalizer.ExcC14N, "#" + id, transforms, digest, cancellationToken).ConfigureAwait(false);
        return document.OuterXml;
    }

    private static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        if (document.DocumentElement is null)
        {
            throw new XmlException("The document has no root element.");
        }

        return document;
    }

    private static bool HasId(XmlElement element, string id) =>
        element.GetAttribute("Id") == id || element.GetAttribute("ID") == id || element.GetAttribute("id") == id
        || element.GetAttribute("Id", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd") == id;

    private static async Task AppendSignatureAsync(
        XmlElement parent,
        INcaSigner signer,
        string canonicalization,
        string referenceUri,
        string[] transforms,
        byte[] digest,
        CancellationToken cancellationToken)
    {
        XmlDocument document = parent.OwnerDocument;
        XmlElement signature = Element(document, "Signature");
        signature.SetAttribute("xmlns:" + Ds, Ns);
        NewLine(signature);

        XmlElement signedInfo = Append(signature, "SignedInfo");
        NewLine(signedInfo);
        Append(signedInfo, "CanonicalizationMethod").SetAttribute("Algorithm", canonicalization);
        NewLine(signedInfo);
        Append(signedInfo, "SignatureMethod").SetAttribute("Algorithm", signer.XmlSignatureMethodUri);
        NewLine(signedInfo);
        XmlElement reference = Append(signedInfo, "Reference");
        reference.SetAttribute("URI", referenceUri);
        NewLine(reference);
        XmlElement transformsElement = Append(reference, "Transforms");
        NewLine(transformsElement);
        foreach (string transform in transforms)
        {
            Append(transformsElement, "Transform").SetAttribute("Algorithm", transform);
            NewLine(transformsElement);
        }

        NewLine(reference);
        Append(reference, "DigestMethod").SetAttribute("Algorithm", signer.XmlDigestMethodUri);
        NewLine(reference);
        Append(reference, "DigestValue").InnerText = Convert.ToBase64String(digest);
        NewLine(reference);
        NewLine(signedInfo);
        NewLine(signature);

        XmlElement signatureValue = Append(signature, "SignatureValue");
        NewLine(signature);
        XmlElement keyInfo = Append(signature, "KeyInfo");
        NewLine(keyInfo);
        XmlElement x509Data = Append(keyInfo, "X509Data");
        NewLine(x509Data);
        Append(x509Data, "X509Certificate").InnerText = "\n" + Base64Lines(signer.Certificate.RawData) + "\n";
        NewLine(x509Data);
        NewLine(keyInfo);
        NewLine(signature);

        // Insert first, so SignedInfo is canonicalised with the namespaces in scope where it will be verified.
        parent.AppendChild(signature);
        byte[] canonicalSignedInfo = NcaXmlCanonicalizer.CanonicalizeElement(signedInfo, canonicalization);
        byte[] value = await signer.SignAsync(canonicalSignedInfo, cancellationToken).ConfigureAwait(false);
        signatureValue.InnerText = "\n" + Base64Lines(value) + "\n";
    }

    private static XmlElement Element(XmlDocument document, string name) => document.CreateElement(Ds, name, Ns);

    private static XmlElement Append(XmlElement parent, string name) => (XmlElement)parent.AppendChild(Element(parent.OwnerDocument, name))!;

    private static void NewLine(XmlElement parent) => parent.AppendChild(parent.OwnerDocument.CreateTextNode("\n"));

    private static string Base64Lines(byte[] data)
    {
        string text = Convert.ToBase64String(data);
        var lines = new List<string>();
        for (int i = 0; i < text.Length; i += 76)
        {
            lines.Add(text.Substring(i, Math.Min(76, text.Length - i)));
        }

        return string.Join('\n', lines);
    }
}

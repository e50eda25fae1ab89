using System.Xml;
using Kz.MicroCredit.Identity.Signing;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Signs a SOAP 1.1 envelope the way SmartBridge expects (the layout of the public NCANode/Kalkan sample):
/// <c>wsu:Id="id-&lt;uuid&gt;"</c> on <c>soap:Body</c>; <c>soap:Header/wsse:Security</c> with
/// <c>soap:mustUnderstand="1"</c> holding one <c>ds:Signature</c>: exclusive C14N, one Reference to <c>#id-…</c> with
/// an exc-C14N transform, signature and digest algorithms by key type, and
/// <c>KeyInfo/wsse:SecurityTokenReference/wsse:KeyIdentifier</c> (X509v3, Base64Binary) with the signer's certificate.
/// </summary>
internal sealed class WsseEnvelopeSigner : ISmartBridgeEnvelopeSigner
{
    private readonly Func<INcaSigner> _signer;

    public WsseEnvelopeSigner(INcaSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signer = () => signer;
    }

    public WsseEnvelopeSigner(SmartBridgeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _signer = () => settings.Signer;
    }

    public Task SignAsync(XmlDocument envelope, CancellationToken cancellationToken) => SignAsync(envelope, _signer(), cancellationToken);

    /// <summary>Signs in place. Throws <see cref="WsseSigningException"/> when the document is not a usable envelope.</summary>
    public static async Task SignAsync(XmlDocument envelope, INcaSigner signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(signer);
        XmlElement root = envelope.DocumentElement ?? throw new WsseSigningException("The document is empty.");
        string soapPrefix = root.Prefix;
        if (root.LocalName != "Envelope" || root.NamespaceURI != SmartBridgeNamespaces.Soap11)
        {
            throw new WsseSigningException("The document is not a SOAP 1.1 envelope.");
        }

        if (envelope.GetElementsByTagName("Signature", SmartBridgeNamespaces.XmlDsig).Count != 0)
        {
            throw new WsseSigningException("The envelope is already signed.");
        }

        XmlElement body = SingleChild(root, "Body") ?? throw new WsseSigningException("The envelope has no single Body.");
        XmlElement? header = SingleChild(root, "Header");
        if (header is null)
        {
            header = envelope.CreateElement(soapPrefix, "Header", SmartBridgeNamespaces.Soap11);
            root.InsertBefore(header, body);
        }

        string bodyId = body.GetAttribute("Id", SmartBridgeNamespaces.Wsu);
        if (string.IsNullOrEmpty(bodyId))
        {
            bodyId = SmartBridgeEnvelope.NewBodyId();
            if (string.IsNullOrEmpty(body.GetNamespaceOfPrefix("wsu")))
            {
                DeclarePrefix(body, "wsu", SmartBridgeNamespaces.Wsu);
            }

            XmlAttribute id = envelope.CreateAttribute("wsu", "Id", SmartBridgeNamespaces.Wsu);
            id.Value = bodyId;
            body.Attributes.Append(id);
        }

        byte[] bodyDigest = signer.ComputeDigest(WsseCanonicalizer.Canonicalize(body));

        XmlElement security = envelope.CreateElement("wsse", "Security", SmartBridgeNamespaces.Wsse);
        DeclarePrefix(security, "wsse", SmartBridgeNamespaces.Wsse);
        DeclarePrefix(security, "wsu", SmartBridgeNamespaces.Wsu);
        XmlAttribute mustUnderstand = envelope.CreateAttribute(string.IsNullOrEmpty(soapPrefix) ? "soap" : soapPrefix, "mustUnderstand", SmartBridgeNamespaces.Soap11);
        mustUnderstand.Value = "1";
        security.Attributes.Append(mustUnderstand);
        header.AppendChild(security);

        XmlElement signature = Ds(envelope, "Signature");
        DeclarePrefix(signature, "ds", SmartBridgeNamespaces.XmlDsig);
        security.AppendChild(signature);
        XmlElement signedInfo = Append(signature, Ds(envelope, "SignedInfo"));
        Append(signedInfo, Ds(envelope, "CanonicalizationMethod")).SetAttribute("Algorithm", SmartBridgeNamespaces.ExcC14N);
        Append(signedInfo, Ds(envelope, "SignatureMethod")).SetAttribute("Algorithm", signer.XmlSignatureMethodUri);
        XmlElement reference = Append(signedInfo, Ds(envelope, "Reference"));
        reference.SetAttribute("URI", "#" + bodyId);
        XmlElement transforms = Append(reference, Ds(envelope, "Transforms"));
        Append(transforms, Ds(envelope, "Transform")).SetAttribute("Algorithm", SmartBridgeNamespaces.ExcC14N);
        Append(reference, Ds(envelope, "DigestMethod")).SetAttribute("Algorithm", signer.XmlDigestMethodUri);
        Append(reference, Ds(envelope, "DigestValue")).InnerText = Convert.ToBase64String(bodyDigest);

        byte[] signatureValue = await signer.SignAsync(WsseCanonicalizer.Canonicalize(signedInfo), cancellationToken).ConfigureAwait(false);
        Append(signature, Ds(envelope, "SignatureValue")).InnerText = Convert.ToBase64String(signatureValue);
        XmlElement keyInfo = Append(signature, Ds(envelope, "KeyInfo"));
        XmlElement tokenReference = Append(keyInfo, envelope.CreateElement("wsse", "SecurityTokenReference", SmartBridgeNamespaces.Wsse));
        XmlElement keyIdentifier = Append(tokenReference, envelope.CreateElement("wsse", "KeyIdentifier", SmartBridgeNamespaces.Wsse));
        keyIdentifier.SetAttribute("EncodingType", SmartBridgeNamespaces.Base64BinaryEncoding);
        keyIdentifier.SetAttribute("ValueType", SmartBridgeNamespaces.X509v3ValueType);
        keyIdentifier.InnerText = Convert.ToBase64String(signer.Certificate.RawData);
    }

    private static void DeclarePrefix(XmlElement element, string prefix, string namespaceUri)
    {
        XmlAttribute declaration = element.OwnerDocument.CreateAttribute("xmlns", prefix, SmartBridgeNamespaces.Xmlns);
        declaration.Value = namespaceUri;
        element.Attributes.Append(declaration);
    }

    private static XmlElement Ds(XmlDocument document, string name) => document.CreateElement("ds", name, SmartBridgeNamespaces.XmlDsig);

    private static XmlElement Append(XmlElement parent, XmlElement child)
    {
        parent.AppendChild(child);
        return child;
    }

    private static XmlElement? SingleChild(XmlElement parent, string localName)
    {
        XmlElement? found = null;
        foreach (XmlNode node in parent.ChildNodes)
        {
            if (node is XmlElement e && e.LocalName == localName && e.NamespaceURI == SmartBridgeNamespaces.Soap11)
            {
                if (found is not null)
                {
                    return null;
                }

                found = e;
            }
        }

        return found;
    }
}

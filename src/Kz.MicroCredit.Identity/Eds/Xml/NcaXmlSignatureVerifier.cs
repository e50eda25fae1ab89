using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Verifies XMLDSig signatures as Kalkan/NCALayer and SmartBridge produce them, following the six-step verifier contract
/// (docs/security-model.md §1): the document must come from <see cref="SafeXml.Load"/>; every <c>ds:Signature</c> is counted;
/// exactly one SignedInfo; references are <c>""</c> or <c>#id</c> resolving to exactly one element among
/// <c>Id</c>/<c>ID</c>/<c>id</c>/<c>wsu:Id</c>; transforms, canonicalisation, signature and digest methods come from an
/// allow-list matching the key type; KeyInfo is only a hint and the certificate must chain to the trust store; the
/// original SignedInfo node is canonicalised (never re-parsed). Layouts: enveloped <c>URI=""</c>, enveloped by Id,
/// stacked enveloped signatures (verified last first), XAdES-B (SignedProperties reference), WS-Security (Body by
/// <c>wsu:Id</c>, KeyIdentifier, BinarySecurityToken or issuer+serial with a supplied certificate).
/// </summary>
public static partial class NcaXmlSignatureVerifier
{
    internal const string DsNs = "http://www.w3.org/2000/09/xmldsig#";
    internal const string WsseNs = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    internal const string WsuNs = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    internal const string EnvelopedUri = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    internal const string C14N = XmlCanonicalWriter.C14N;
    internal const string ExcC14N = XmlCanonicalWriter.ExcC14N;
    private const string XmlnsNs = "http://www.w3.org/2000/xmlns/";
    private const int MaxReferences = 4;
    private const int MaxKeyCandidates = 8;
    internal static readonly string[] SoapNamespaces = ["http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"];

    /// <summary>Verifies the signature(s) of a document loaded with <see cref="SafeXml.Load"/>.</summary>
    /// <param name="document">The document (not modified).</param>
    /// <param name="options">The policy; a trust store is required.</param>
    /// <returns>What was verified; nothing from an unverified part of the document.</returns>
    public static XmlSignatureVerificationResult Verify(XmlDocument document, XmlSignatureVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        NcaCertificatePathValidator validator = options.PathValidator
            ?? (options.TrustStore is { } store ? new NcaCertificatePathValidator(store) : throw new ArgumentException("A trust store is required.", nameof(options)));
        try
        {
            return VerifyCore(document, options, validator);
        }
        catch (Exception ex) when (ex is CryptographicException or XmlException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return XmlSignatureVerificationResult.Fail(ReasonCode.MalformedSignature);
        }
    }

    /// <summary>Loads (hardened) and verifies a document.</summary>
    /// <param name="xml">The document bytes.</param>
    /// <param name="options">The policy.</param>
    /// <param name="maxBytes">The size cap.</param>
    /// <returns>The result.</returns>
    public static XmlSignatureVerificationResult Verify(ReadOnlySpan<byte> xml, XmlSignatureVerificationOptions options, int maxBytes = SafeXml.DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SafeXml.TryLoad(xml, maxBytes, out XmlDocument? document, out ReasonCode failure)
            ? Verify(document, options)
            : XmlSignatureVerificationResult.Fail(failure);
    }

    private static XmlSignatureVerificationResult VerifyCore(XmlDocument document, XmlSignatureVerificationOptions options, NcaCertificatePathValidator validator)
    {
        if (document.DocumentElement is not { } root || document.DocumentType is not null)
        {
            return XmlSignatureVerificationResult.Fail(ReasonCode.MalformedSignature);
        }

        DateTimeOffset at = options.ValidationTime ?? options.TimeProvider.GetUtcNow();
        List<XmlElement> signatures = Descendants(document, "Signature", DsNs, int.MaxValue);
        if (signatures.Count == 0)
        {
            return XmlSignatureVerificationResult.Fail(ReasonCode.SignatureMissing);
        }

        XmlElement? expected = options.ExpectedSignedElement?.Invoke(document);
        if (options.ExpectedSignedElement is not null && expected is null)
        {
            return XmlSignatureVerificationResult.Fail(ReasonCode.ReferenceInvalid);
        }

        if (expected is not null)
        {
            // The caller names the element it will read: its signature is the one enveloped in it, the one in the
            // WS-Security header for a SOAP Body, or (NCALayer's signXml with tbsElementXPath/signatureParentElementXPath)
            // one placed elsewhere whose Reference names the element by Id. Any other signature must lie inside the
            // signed element (nested, covered content) — a second candidate or a signature elsewhere is ambiguous.
            List<XmlElement> located = signatures.Where(s => s.ParentNode == expected || IsWsSecurityBody(expected, s) || ReferencesById(s, expected)).ToList();
            if (located.Count != 1)
            {
                return XmlSignatureVerificationResult.Fail(located.Count == 0 ? ReasonCode.SignatureMissing : ReasonCode.ReferenceInvalid);
            }

            if (signatures.Any(s => s != located[0] && !IsAncestorOrSelf(expected, s)))
            {
                return XmlSignatureVerificationResult.Fail(ReasonCode.ReferenceInvalid);
            }

            XmlSignatureInfo only = VerifyOne(document, located[0], options, validator, at, expected);
            return new XmlSignatureVerificationResult(only.Failure, [only]);
        }

        if (signatures.Count == 1)
        {
            XmlSignatureInfo single = VerifyOne(document, signatures[0], options, validator, at, expected);
            return new XmlSignatureVerificationResult(single.Failure, [single]);
        }

        // Several signatures: only the stacked layout (each one enveloped URI="" as a child of the root) is accepted.
        if (!options.AllowStackedSignatures || signatures.Count > 8 || signatures.Any(s => s.ParentNode != root || !IsWholeDocumentSignature(s)))
        {
            return XmlSignatureVerificationResult.Fail(ReasonCode.ReferenceInvalid);
        }

        var work = (XmlDocument)document.CloneNode(true);
        work.PreserveWhitespace = true;
        work.XmlResolver = null;
        List<XmlElement> workSignatures = Descendants(work, "Signature", DsNs, int.MaxValue);
        var infos = new XmlSignatureInfo[workSignatures.Count];
        for (int i = workSignatures.Count - 1; i >= 0; i--)
        {
            infos[i] = VerifyOne(work, workSignatures[i], options, validator, at, null);
            if (infos[i].SignedElement is not null)
            {
                // Verified on the working copy; report the original document element, which each of them covers.
                infos[i].SignedElement = root;
                infos[i].SignedElements = [root];
                infos[i].CoversDocument = true;
            }

            workSignatures[i].ParentNode!.RemoveChild(workSignatures[i]);
        }

        return new XmlSignatureVerificationResult(infos.FirstOrDefault(i => i.Failure is not null)?.Failure, infos);
    }

    private static bool IsWholeDocumentSignature(XmlElement signature)
    {
        XmlElement? signedInfo = FirstDsChild(signature, "SignedInfo");
        List<XmlElement> refs = signedInfo is null ? [] : ElementChildren(signedInfo).FindAll(static c => IsDs(c, "Reference"));
        return refs.Count == 1 && refs[0].GetAttributeNode("URI") is { Value: "" };
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Verifies XMLDSig signatures as Kalkan/NCALayer and SmartBridge produce them, following the six-step verifier contract
/// (SECURITY.md §1): the document must come from <see cref="SafeXml.Load"/>; every <c>ds:Signature</c> is counted;
/// exactly one SignedInfo; references are <c>""</c> or <c>#id</c> resolving to exactly one element among
/// <c>Id</c>/<c>ID</c>/<c>id</c>/<c>wsu:Id</c>; transforms, canonicalisation, signature and digest methods come from an
/// allow-list matching the key type; KeyInfo is only a hint and the certificate must chain to the trust store; the
/// original SignedInfo node is canonicalised (never re-parsed). Layouts: enveloped <c>URI=""</c>, enveloped by Id,
/// stacked enveloped signatures (verified last first), XAdES-B (SignedProperties reference), WS-Security (Body by
/// <c>wsu:Id</c>, KeyIdentifier, BinarySecurityToken or issuer+serial with a supplied certificate).
/// </summary>
public static class NcaXmlSignatureVerifier
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
    private static readonly string[] SoapNamespaces = ["http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"];

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
            // The caller names the element it will read: its signature is the one enveloped in it (or, for a SOAP Body,
            // the one in the WS-Security header); any other signature must lie inside the signed element (nested,
            // covered content) — a signature elsewhere makes the document ambiguous.
            List<XmlElement> located = signatures.Where(s => s.ParentNode == expected || IsWsSecurityBody(expected, s)).ToList();
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
                infos[i].SignedElement = root;
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

    private static XmlSignatureInfo VerifyOne(XmlDocument document, XmlElement signature, XmlSignatureVerificationOptions options, NcaCertificatePathValidator validator, DateTimeOffset at, XmlElement? expected)
    {
        var info = new XmlSignatureInfo { ValidationTime = at };
        info.Failure = VerifyOneCore(document, signature, options, validator, at, expected, info);
        return info;
    }

    private static ReasonCode? VerifyOneCore(XmlDocument document, XmlElement signature, XmlSignatureVerificationOptions options, NcaCertificatePathValidator validator, DateTimeOffset at, XmlElement? expected, XmlSignatureInfo info)
    {
        // Step 2: exactly one SignedInfo (first child element), exactly one SignatureValue (second), then at most one
        // KeyInfo and any Objects.
        if (!ReadSignatureChildren(signature, out XmlElement? signedInfo, out XmlElement? signatureValueElement, out XmlElement? keyInfo))
        {
            return ReasonCode.MalformedSignature;
        }

        // SignedInfo: CanonicalizationMethod, SignatureMethod, then 1..MaxReferences References.
        List<XmlElement> siChildren = ElementChildren(signedInfo);
        if (siChildren.Count < 3 || siChildren.Count - 2 > MaxReferences || !IsDs(siChildren[0], "CanonicalizationMethod") || !IsDs(siChildren[1], "SignatureMethod")
            || !AllAre(siChildren, 2, static c => IsDs(c, "Reference")))
        {
            return ReasonCode.MalformedSignature;
        }

        // Step 4: algorithms.
        string c14nMethod = siChildren[0].GetAttribute("Algorithm");
        XmlElement? prefixHolder = FirstElementChild(siChildren[0]);
        if (!IsCanonicalization(c14nMethod) || !AllElementChildrenAre(siChildren[0], IsInclusiveNamespaces))
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        string signatureMethod = siChildren[1].GetAttribute("Algorithm");
        info.SignatureMethod = signatureMethod;
        if (FirstElementChild(siChildren[1]) is not null || SignatureKeyAlgorithm(signatureMethod, options.AllowSha1ForTestsOnly) is not { } keyAlgorithm)
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        if (options.AllowedKeyAlgorithms is { } allowed && !allowed.Contains(keyAlgorithm))
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        byte[] signatureValue = XmlBase64.Decode(signatureValueElement) ?? [];
        if (signatureValue.Length is 0 or > 1024)
        {
            return ReasonCode.MalformedSignature;
        }

        // Step 3: references.
        var references = new List<ParsedReference>(siChildren.Count - 2);
        ParsedReference? primary = null;
        int mainCount = 0;
        for (int r = 2; r < siChildren.Count; r++)
        {
            ReasonCode? referenceFailure = ParseReference(document, signature, siChildren[r], keyAlgorithm, options, out ParsedReference? parsed);
            if (referenceFailure is not null)
            {
                return referenceFailure;
            }

            references.Add(parsed!);
            if (parsed!.IsMain)
            {
                mainCount++;

                // The primary reference: the first main one, or the first main one covering the expected element.
                if (primary is null || (expected is not null && primary.Target != expected && parsed.Target == expected))
                {
                    primary = parsed;
                }
            }
        }

        if (primary is null || (mainCount > 1 && !options.AllowDetachedReferences))
        {
            return ReasonCode.ReferenceInvalid;
        }

        if (expected is not null && primary.Target != expected)
        {
            return ReasonCode.ReferenceInvalid;
        }

        // Step 5: KeyInfo is a hint; resolve candidates before the digests so that a missing key is reported as such.
        List<X509Certificate2> candidates = ResolveKeyCandidates(document, keyInfo, options, validator);
        if (candidates.Count == 0)
        {
            return ReasonCode.SignerCertificateMissing;
        }

        var fitting = new List<X509Certificate2>(candidates.Count);
        foreach (X509Certificate2 candidate in candidates)
        {
            if (EdsCrypto.KeyAlgorithmOf(candidate) == keyAlgorithm)
            {
                fitting.Add(candidate);
            }
        }

        if (fitting.Count == 0)
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        foreach (ParsedReference reference in references)
        {
            // The ORIGINAL node is canonicalised (never a re-parse), with its ancestors' in-scope namespaces.
            byte[] content = XmlCanonicalWriter.Canonicalize(reference.WholeDocument ? document : reference.Target, reference.C14N, reference.PrefixList, reference.Enveloped ? signature : null, stripComments: true);
            byte[]? digest = EdsCrypto.Digest(reference.DigestMethod, content, options.AllowSha1ForTestsOnly);
            if (digest is null)
            {
                return ReasonCode.UnsupportedAlgorithm;
            }

            if (!CryptographicOperations.FixedTimeEquals(digest, reference.DigestValue))
            {
                return ReasonCode.SignatureInvalid;
            }

            if (ReferenceEquals(reference, primary))
            {
                info.SignedContent = content;
            }
        }

        byte[] canonicalSignedInfo = XmlCanonicalWriter.Canonicalize(signedInfo, c14nMethod, prefixHolder?.GetAttribute("PrefixList"), null, stripComments: !c14nMethod.EndsWith("#WithComments", StringComparison.Ordinal));
        X509Certificate2? signer = null;
        bool unreachableTried = false;
        foreach (X509Certificate2 candidate in fitting)
        {
            // Bounded work: of the key candidates that cannot reach a trust anchor even by names, only one is tried.
            if (!AnchorReachability.MayReachAnchor(validator.TrustStore, candidate, candidates))
            {
                if (unreachableTried)
                {
                    continue;
                }

                unreachableTried = true;
            }

            if (EdsCrypto.VerifyXml(candidate, keyAlgorithm, signatureMethod, canonicalSignedInfo, signatureValue))
            {
                signer = candidate;
                break;
            }
        }

        if (signer is null)
        {
            return ReasonCode.SignatureInvalid;
        }

        info.SignatureValid = true;
        info.Certificate = signer;
        info.KeyAlgorithm = keyAlgorithm;
        info.SignedElement = primary.Target;

        CertificatePathResult path = validator.Validate(signer, candidates, at);
        if (!path.IsValid)
        {
            return path.Failure;
        }

        info.CertificateTrusted = true;
        info.Path = path.Path;
        return null;
    }

    private static ReasonCode? ParseReference(XmlDocument document, XmlElement signature, XmlElement reference, NcaKeyAlgorithm keyAlgorithm, XmlSignatureVerificationOptions options, out ParsedReference? parsed)
    {
        bool allowSha1 = options.AllowSha1ForTestsOnly;
        parsed = null;
        XmlAttribute? uriAttribute = reference.GetAttributeNode("URI");
        if (uriAttribute is null)
        {
            return ReasonCode.ReferenceInvalid;
        }

        List<XmlElement> parts = ElementChildren(reference);
        int index = 0;
        List<XmlElement> transforms = [];
        if (parts.Count > 0 && IsDs(parts[0], "Transforms"))
        {
            transforms = ElementChildren(parts[0]);
            index = 1;
        }

        if (parts.Count != index + 2 || !IsDs(parts[index], "DigestMethod") || !IsDs(parts[index + 1], "DigestValue") || FirstElementChild(parts[index]) is not null)
        {
            return ReasonCode.MalformedSignature;
        }

        string digestMethod = parts[index].GetAttribute("Algorithm");
        if (DigestKeyAlgorithm(digestMethod, allowSha1) is not { } family || !Fits(family, keyAlgorithm))
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        byte[]? digestValue = XmlBase64.Decode(parts[index + 1]);
        if (digestValue is null || digestValue.Length is 0 or > 128)
        {
            return ReasonCode.MalformedSignature;
        }

        bool enveloped = false;
        string c14n = C14N;
        string? prefixList = null;
        int c14nCount = 0;
        for (int i = 0; i < transforms.Count; i++)
        {
            XmlElement t = transforms[i];
            string algorithm = t.GetAttribute("Algorithm");
            if (!IsDs(t, "Transform"))
            {
                return ReasonCode.MalformedSignature;
            }

            if (algorithm == EnvelopedUri && i == 0 && FirstElementChild(t) is null)
            {
                enveloped = true;
            }
            else if (IsCanonicalization(algorithm) && c14nCount == 0 && AllElementChildrenAre(t, IsInclusiveNamespaces))
            {
                c14n = algorithm;
                c14nCount++;
                prefixList = FirstElementChild(t)?.GetAttribute("PrefixList");
            }
            else
            {
                return ReasonCode.UnsupportedAlgorithm;
            }
        }

        string uri = uriAttribute.Value;
        XmlElement target;
        bool whole = uri.Length == 0;
        if (whole)
        {
            target = document.DocumentElement!;
        }
        else if (uri[0] == '#' && uri.Length > 1 && IsNcName(uri[1..]))
        {
            List<XmlElement> found = FindById(document, uri[1..]);
            if (found.Count != 1)
            {
                return ReasonCode.ReferenceInvalid;
            }

            target = found[0];
        }
        else
        {
            return ReasonCode.ReferenceInvalid; // external URIs, XPointer, anything else
        }

        bool containsSignature = IsAncestorOrSelf(target, signature);
        if (containsSignature && !enveloped)
        {
            return ReasonCode.ReferenceInvalid;
        }

        bool isMain = whole
            ? signature.ParentNode == target || IsAncestorOrSelf(target, signature)
            : target == signature.ParentNode || IsWsSecurityBody(target, signature)
                || (options.AllowDetachedReferences && !IsAncestorOrSelf(signature, target));
        bool isExtra = !isMain && !whole && (IsAncestorOrSelf(signature, target) || IsBinarySecurityTokenOfSameHeader(target, signature));
        if (!isMain && !isExtra)
        {
            return ReasonCode.ReferenceInvalid;
        }

        parsed = new ParsedReference(target, whole, isMain, enveloped, c14n, prefixList, digestMethod, digestValue);
        return null;
    }

    private static bool IsWsSecurityBody(XmlElement target, XmlElement signature) =>
        target.LocalName == "Body" && SoapNamespaces.Contains(target.NamespaceURI)
        && target.ParentNode is XmlElement envelope && envelope.LocalName == "Envelope" && envelope.NamespaceURI == target.NamespaceURI
        && envelope.ParentNode is XmlDocument
        && signature.ParentNode is XmlElement security && security.LocalName == "Security" && security.NamespaceURI == WsseNs
        && security.ParentNode is XmlElement header && header.LocalName == "Header" && header.NamespaceURI == target.NamespaceURI
        && header.ParentNode == envelope;

    private static bool IsBinarySecurityTokenOfSameHeader(XmlElement target, XmlElement signature) =>
        target.LocalName == "BinarySecurityToken" && target.NamespaceURI == WsseNs && target.ParentNode == signature.ParentNode;

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

    /// <summary>Every element carrying <paramref name="id"/> in an accepted Id attribute (Id, ID, id, wsu:Id).</summary>
    internal static List<XmlElement> FindById(XmlDocument document, string id)
    {
        var found = new List<XmlElement>(2);
        for (XmlNode? node = NextInDocumentOrder(document, document); node is not null; node = NextInDocumentOrder(document, node))
        {
            if (node is not XmlElement { HasAttributes: true } element)
            {
                continue;
            }

            if (element.GetAttribute("Id") == id || element.GetAttribute("ID") == id || element.GetAttribute("id") == id || element.GetAttribute("Id", WsuNs) == id)
            {
                found.Add(element);
                if (found.Count > 1)
                {
                    break;
                }
            }
        }

        return found;
    }

    private static bool IsNcName(string value)
    {
        if (value.Length > 256)
        {
            return false;
        }

        try
        {
            XmlConvert.VerifyNCName(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static List<X509Certificate2> ResolveKeyCandidates(XmlDocument document, XmlElement? keyInfo, XmlSignatureVerificationOptions options, NcaCertificatePathValidator validator)
    {
        var result = new List<X509Certificate2>(2);
        if (keyInfo is not null)
        {
            foreach (XmlElement x in Descendants(keyInfo, "X509Certificate", DsNs, MaxKeyCandidates))
            {
                AddCertificate(result, validator, x);
            }

            foreach (XmlElement k in Descendants(keyInfo, "KeyIdentifier", WsseNs, MaxKeyCandidates))
            {
                if (k.GetAttribute("ValueType").EndsWith("#X509v3", StringComparison.Ordinal))
                {
                    AddCertificate(result, validator, k);
                }
            }

            foreach (XmlElement r in Descendants(keyInfo, "Reference", WsseNs, MaxKeyCandidates))
            {
                string uri = r.GetAttribute("URI");
                if (uri.Length > 1 && uri[0] == '#' && FindById(document, uri[1..]) is [{ LocalName: "BinarySecurityToken", NamespaceURI: WsseNs } token])
                {
                    AddCertificate(result, validator, token);
                }
            }

            foreach (XmlElement s in Descendants(keyInfo, "X509IssuerSerial", DsNs, MaxKeyCandidates))
            {
                string issuer = FirstDsChild(s, "X509IssuerName")?.InnerText.Trim() ?? string.Empty;
                string serial = FirstDsChild(s, "X509SerialNumber")?.InnerText.Trim() ?? string.Empty;
                result.AddRange(options.SignerCertificates.Where(c => IssuerSerialMatches(c, issuer, serial)));
            }
        }

        if (result.Count == 0)
        {
            result.AddRange(options.SignerCertificates);
        }

        if (result.Count > MaxKeyCandidates)
        {
            result.RemoveRange(MaxKeyCandidates, result.Count - MaxKeyCandidates);
        }

        return result;
    }

    private static void AddCertificate(List<X509Certificate2> list, NcaCertificatePathValidator validator, XmlElement holder)
    {
        if (XmlBase64.TextOf(holder) is { } text && XmlBase64.InternCertificate(text, validator) is { } certificate)
        {
            list.Add(certificate);
        }
    }

    private static bool IssuerSerialMatches(X509Certificate2 certificate, string issuer, string serial)
    {
        if (serial.Length is 0 or > 100 || !BigInteger.TryParse(serial, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out BigInteger value))
        {
            return false;
        }

        byte[] certSerial = certificate.GetSerialNumber(); // little-endian
        if (new BigInteger(certSerial, isUnsigned: true, isBigEndian: false) != value)
        {
            return false;
        }

        try
        {
            return RdnSet(new X500DistinguishedName(issuer)).SetEquals(RdnSet(certificate.IssuerName));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static HashSet<string> RdnSet(X500DistinguishedName name) =>
        name.EnumerateRelativeDistinguishedNames()
            .Select(r => r.GetSingleElementType().Value + "=" + (r.GetSingleElementValue() ?? string.Empty).Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static NcaKeyAlgorithm? SignatureKeyAlgorithm(string uri, bool allowSha1) => uri switch
    {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" or "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => NcaKeyAlgorithm.Rsa,
        EdsCrypto.RsaSha1Uri when allowSha1 => NcaKeyAlgorithm.Rsa,
        "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311" => NcaKeyAlgorithm.Gost2004,
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512" => NcaKeyAlgorithm.Gost2015_512,
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-256" => NcaKeyAlgorithm.Gost2015_256,
        _ => null,
    };

    private static NcaKeyAlgorithm? DigestKeyAlgorithm(string uri, bool allowSha1) => uri switch
    {
        "http://www.w3.org/2001/04/xmlenc#sha256" or "http://www.w3.org/2001/04/xmlenc#sha512" => NcaKeyAlgorithm.Rsa,
        EdsCrypto.Sha1Uri when allowSha1 => NcaKeyAlgorithm.Rsa,
        "http://www.w3.org/2001/04/xmldsig-more#gost34311" => NcaKeyAlgorithm.Gost2004,
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512" => NcaKeyAlgorithm.Gost2015_512,
        "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256" => NcaKeyAlgorithm.Gost2015_256,
        _ => null,
    };

    private static bool Fits(NcaKeyAlgorithm digestFamily, NcaKeyAlgorithm keyAlgorithm) => digestFamily == keyAlgorithm;

    private static bool IsCanonicalization(string uri) => XmlCanonicalWriter.IsSupported(uri);

    private static bool IsInclusiveNamespaces(XmlElement e) => e.LocalName == "InclusiveNamespaces" && e.NamespaceURI == ExcC14N;

    private static bool IsDs(XmlElement e, string localName) => e.LocalName == localName && e.NamespaceURI == DsNs;

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

    /// <summary>The children of <c>ds:Signature</c> as step 2 requires them; <see langword="false"/> for any other layout.</summary>
    private static bool ReadSignatureChildren(XmlElement signature, [NotNullWhen(true)] out XmlElement? signedInfo, [NotNullWhen(true)] out XmlElement? signatureValue, out XmlElement? keyInfo)
    {
        signedInfo = null;
        signatureValue = null;
        keyInfo = null;
        int index = 0;
        for (XmlNode? child = signature.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is not XmlElement element)
            {
                continue;
            }

            switch (index++)
            {
                case 0 when IsDs(element, "SignedInfo"):
                    signedInfo = element;
                    break;
                case 1 when IsDs(element, "SignatureValue"):
                    signatureValue = element;
                    break;
                case > 1 when IsDs(element, "KeyInfo") && keyInfo is null:
                    keyInfo = element;
                    break;
                case > 1 when IsDs(element, "Object"):
                    break;
                default:
                    return false;
            }
        }

        return signedInfo is not null && signatureValue is not null;
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

    private sealed record ParsedReference(XmlElement Target, bool WholeDocument, bool IsMain, bool Enveloped, string C14N, string? PrefixList, string DigestMethod, byte[] DigestValue);
}

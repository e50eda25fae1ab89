using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>One signature: the Signature element's shape, SignedInfo, the digests and the signature value (steps 2 to 6).</summary>
public static partial class NcaXmlSignatureVerifier
{
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

        // Step 3: references. A reference to an element that neither holds the signature nor is the SOAP Body is
        // accepted only when the caller says which element it reads, or asks for a coverage report (kzid).
        bool elsewhereAllowed = options.AllowDetachedReferences
            || (expected is not null && signature.ParentNode != expected && !IsWsSecurityBody(expected, signature) && !IsAncestorOrSelf(expected, signature));
        var references = new List<ParsedReference>(siChildren.Count - 2);
        ParsedReference? primary = null;
        int mainCount = 0;
        for (int r = 2; r < siChildren.Count; r++)
        {
            ReasonCode? referenceFailure = ParseReference(document, signature, siChildren[r], keyAlgorithm, options, elsewhereAllowed, out ParsedReference? parsed);
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
        info.SignedElements = SignedDocumentElements(signature, references);
        info.CoversDocument = XmlSignatureCoverage.CoversDocument(document, info.SignedElements);

        // XAdES: only a SignedProperties element that a verified reference digested is read.
        List<ParsedReference> signedProperties = references.FindAll(r => XadesQualifyingProperties.IsSignedProperties(r.Target) && IsAncestorOrSelf(signature, r.Target));
        if (signedProperties.Count > 1)
        {
            return ReasonCode.MalformedSignature;
        }

        if (signedProperties.Count == 1)
        {
            ReasonCode? xades = XadesQualifyingProperties.Read(signedProperties[0].Target, signatureValueElement, signer, options.AllowSha1ForTestsOnly, validator, info);
            if (xades is not null)
            {
                return xades;
            }
        }

        CertificatePathResult path = validator.Validate(signer, candidates, at);
        if (!path.IsValid)
        {
            return path.Failure;
        }

        info.CertificateTrusted = true;
        info.Path = path.Path;
        return info.SigningTime is { } signingTime && !SigningTimeValidity.IsWithin(signer, signingTime)
            ? ReasonCode.SigningTimeOutsideCertificateValidity
            : null;
    }

    /// <summary>The document content the references cover: every target outside the Signature itself, in reference order.</summary>
    private static List<XmlElement> SignedDocumentElements(XmlElement signature, List<ParsedReference> references)
    {
        var elements = new List<XmlElement>(references.Count);
        foreach (ParsedReference reference in references)
        {
            if (!IsAncestorOrSelf(signature, reference.Target) && !elements.Contains(reference.Target))
            {
                elements.Add(reference.Target);
            }
        }

        return elements;
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
}

using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Policy of <see cref="NcaXmlSignatureVerifier"/>.</summary>
public sealed class XmlSignatureVerificationOptions
{
    /// <summary>Gets the trust store the signer's certificate must chain to. Required (or <see cref="PathValidator"/>).</summary>
    public NcaTrustStore? TrustStore { get; init; }

    /// <summary>Gets a shared path validator (keeps its path cache across calls); overrides <see cref="TrustStore"/>.</summary>
    public NcaCertificatePathValidator? PathValidator { get; init; }

    /// <summary>Gets the validation instant; <see langword="null"/> for the current time of <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>Gets the clock used when <see cref="ValidationTime"/> is not set.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets certificates supplied by the caller, used when KeyInfo names the signer by issuer and serial (SmartBridge
    /// <c>X509IssuerSerial</c>) or carries no certificate. They still have to chain to the trust store.
    /// </summary>
    public IReadOnlyList<X509Certificate2> SignerCertificates { get; init; } = [];

    /// <summary>Gets the key algorithms accepted; <see langword="null"/> for all four NCA algorithms.</summary>
    public IReadOnlySet<NcaKeyAlgorithm>? AllowedKeyAlgorithms { get; init; }

    /// <summary>
    /// Gets a value indicating whether <c>rsa-sha1</c>/<c>sha1</c> are accepted. TEST ONLY: exists so the structural
    /// defences can be exercised on the public RSA-SHA1 attack corpus; never enable it in production.
    /// </summary>
    public bool AllowSha1ForTestsOnly { get; init; }

    /// <summary>Gets a value indicating whether several stacked enveloped signatures (each <c>URI=""</c>, children of the root) are accepted.</summary>
    public bool AllowStackedSignatures { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether references to elements outside the Signature that are not its parent (sibling
    /// "detached" references, several per SignedInfo) are accepted. Off by default: no NCA or SmartBridge layout needs
    /// it; when on, set <see cref="ExpectedSignedElement"/> so that the element read is one of those signed.
    /// </summary>
    public bool AllowDetachedReferences { get; init; }

    /// <summary>
    /// Gets a selector of the element the caller is going to read (e.g. the SOAP Body); when set, the main reference of
    /// every signature must resolve to exactly that element (or, for <c>URI=""</c>, that element must be the document element).
    /// </summary>
    public Func<XmlDocument, XmlElement?>? ExpectedSignedElement { get; init; }
}

using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The outcome of <see cref="NcaXmlSignatureVerifier"/>: only what was verified.</summary>
public sealed class XmlSignatureVerificationResult
{
    internal XmlSignatureVerificationResult(ReasonCode? failure, IReadOnlyList<XmlSignatureInfo> signatures)
    {
        Failure = failure;
        Signatures = signatures;
    }

    /// <summary>Gets a value indicating whether every signature is valid and trusted.</summary>
    public bool IsValid => Failure is null;

    /// <summary>Gets the first failure (document-level, or of the first failing signature).</summary>
    public ReasonCode? Failure { get; }

    /// <summary>Gets the signatures in document order (several only for stacked signatures).</summary>
    public IReadOnlyList<XmlSignatureInfo> Signatures { get; }

    /// <summary>Gets the validated signer certificate of the (last) signature, when valid.</summary>
    public X509Certificate2? SignerCertificate => IsValid ? Signatures[^1].Certificate : null;

    /// <summary>Gets the signed element (the document element for <c>URI=""</c>), when valid.</summary>
    public XmlElement? SignedElement => IsValid ? Signatures[^1].SignedElement : null;

    /// <summary>Gets the SignatureMethod URI of the (last) signature, when valid.</summary>
    public string? SignatureMethod => IsValid ? Signatures[^1].SignatureMethod : null;

    /// <summary>Gets the key algorithm of the (last) signer, when valid.</summary>
    public NcaKeyAlgorithm? KeyAlgorithm => IsValid ? Signatures[^1].KeyAlgorithm : null;

    internal static XmlSignatureVerificationResult Fail(ReasonCode reason) => new(reason, []);
}

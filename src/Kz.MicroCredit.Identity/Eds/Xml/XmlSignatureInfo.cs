using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>One verified (or failed) XML signature.</summary>
public sealed class XmlSignatureInfo
{
    /// <summary>Gets the first failure of this signature, or <see langword="null"/>.</summary>
    public ReasonCode? Failure { get; internal set; }

    /// <summary>Gets a value indicating whether the references and the signature value verified with the certificate's key.</summary>
    public bool SignatureValid { get; internal set; }

    /// <summary>Gets a value indicating whether the certificate chains to the trust store, valid at the instant.</summary>
    public bool CertificateTrusted { get; internal set; }

    /// <summary>Gets the signer certificate whose key verified the signature (trusted only when <see cref="CertificateTrusted"/>).</summary>
    public X509Certificate2? Certificate { get; internal set; }

    /// <summary>Gets the validated path (certificate first, anchor last), when trusted.</summary>
    public IReadOnlyList<X509Certificate2> Path { get; internal set; } = [];

    /// <summary>Gets the key algorithm.</summary>
    public NcaKeyAlgorithm? KeyAlgorithm { get; internal set; }

    /// <summary>Gets the SignatureMethod URI.</summary>
    public string? SignatureMethod { get; internal set; }

    /// <summary>Gets the element covered by the main reference (the document element for <c>URI=""</c>), when verified.</summary>
    public XmlElement? SignedElement { get; internal set; }

    /// <summary>Gets the canonical bytes that the main reference digested, when verified.</summary>
    public ReadOnlyMemory<byte> SignedContent { get; internal set; }

    /// <summary>Gets the validation instant used.</summary>
    public DateTimeOffset ValidationTime { get; internal set; }
}

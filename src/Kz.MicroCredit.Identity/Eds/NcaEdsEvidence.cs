using System.Xml;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The borrower's NCA electronic signature over an issued challenge: a CMS (DER, PEM or base64; attached, or detached
/// with <see cref="DetachedContent"/>) over <see cref="BorrowerChallenge.ToSignedBytes"/>, or an XMLDSig-signed
/// <see cref="BorrowerChallenge.ToSignedXml"/> document, as NCALayer produces them.
/// </summary>
public sealed class NcaEdsEvidence : BorrowerEvidence
{
    /// <summary>Initializes a new instance of the <see cref="NcaEdsEvidence"/> class.</summary>
    /// <param name="signature">The signature bytes (CMS or XML).</param>
    /// <param name="format">The format, or <see cref="EdsSignatureFormat.Auto"/> to detect it.</param>
    /// <param name="detachedContent">The signed content of a detached CMS; <see langword="null"/> or empty for an attached CMS or XML.</param>
    public NcaEdsEvidence(ReadOnlyMemory<byte> signature, EdsSignatureFormat format = EdsSignatureFormat.Auto, ReadOnlyMemory<byte>? detachedContent = null)
    {
        Signature = signature;
        Format = format;
        // An empty value (e.g. a null byte[] converted to memory) means "attached": a challenge is never empty.
        DetachedContent = detachedContent is { IsEmpty: false } ? detachedContent : null;
    }

    /// <inheritdoc />
    public override IdentificationMethodId MethodId => IdentificationMethodId.NcaEds;

    /// <summary>Gets the signature bytes.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>Gets the format hint.</summary>
    public EdsSignatureFormat Format { get; }

    /// <summary>Gets the detached content, when the CMS is detached.</summary>
    public ReadOnlyMemory<byte>? DetachedContent { get; }

    /// <summary>
    /// Gets a selector of the element the lender will read from an XML signature (e.g. the element chosen with NCALayer's
    /// <c>tbsElementXPath</c>, signed by a signature placed elsewhere). That element must be among those the signature
    /// covers, and the challenge is read from it; any other signature must lie inside it.
    /// <value>The default value is <see langword="null"/>: the document element must be the signed element.</value>
    /// </summary>
    public Func<XmlDocument, XmlElement?>? ExpectedSignedElement { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"NcaEdsEvidence {{ Format = {Format}, Bytes = {Signature.Length} }}";
}

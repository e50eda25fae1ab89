using System.Text;

namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// A lender's document the borrower signs in the eGov mobile app next to the challenge (e.g. the loan agreement), as
/// part of an <see cref="EGovMobileSigningRequest"/>. The answer must sign exactly these bytes: an XML document is
/// signed enveloped (the same document with one XMLDSig <c>Signature</c> added under its root), CMS content is signed
/// attached or (for <see cref="EGovMobileSignMethod.CmsSignOnly"/>) detached.
/// </summary>
public sealed record EGovMobileDocument
{
    /// <summary>Gets the document's name in Russian, shown by the app.</summary>
    public required string NameRu { get; init; }

    /// <summary>Gets the document's name in Kazakh.</summary>
    public required string NameKz { get; init; }

    /// <summary>Gets the document's name in English.</summary>
    public required string NameEn { get; init; }

    /// <summary>Gets how the app signs this document.</summary>
    public required EGovMobileSignMethod SignMethod { get; init; }

    /// <summary>Gets the content: the UTF-8 XML document for <see cref="EGovMobileSignMethod.Xml"/>, otherwise the bytes the CMS signs.</summary>
    public required byte[] Content { get; init; }

    /// <summary>Gets the MIME type served with CMS content.</summary>
    /// <value>The default value is <c>application/octet-stream</c>.</value>
    public string Mime { get; init; } = "application/octet-stream";

    /// <summary>Creates an XML document the app signs enveloped.</summary>
    /// <param name="xml">The XML text.</param>
    /// <param name="nameRu">The name in Russian.</param>
    /// <param name="nameKz">The name in Kazakh.</param>
    /// <param name="nameEn">The name in English.</param>
    /// <returns>The document.</returns>
    public static EGovMobileDocument Xml(string xml, string nameRu, string nameKz, string nameEn)
    {
        ArgumentException.ThrowIfNullOrEmpty(xml);
        return new EGovMobileDocument { NameRu = nameRu, NameKz = nameKz, NameEn = nameEn, SignMethod = EGovMobileSignMethod.Xml, Content = Encoding.UTF8.GetBytes(xml), Mime = "application/xml" };
    }

    /// <summary>Creates content the app signs as a CMS.</summary>
    /// <param name="content">The bytes to sign.</param>
    /// <param name="mime">Their MIME type (e.g. <c>application/pdf</c>).</param>
    /// <param name="signMethod"><see cref="EGovMobileSignMethod.CmsWithData"/> (attached) or <see cref="EGovMobileSignMethod.CmsSignOnly"/> (detached).</param>
    /// <param name="nameRu">The name in Russian.</param>
    /// <param name="nameKz">The name in Kazakh.</param>
    /// <param name="nameEn">The name in English.</param>
    /// <returns>The document.</returns>
    public static EGovMobileDocument Cms(byte[] content, string mime, EGovMobileSignMethod signMethod, string nameRu, string nameKz, string nameEn)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(mime);
        if (signMethod == EGovMobileSignMethod.Xml || !Enum.IsDefined(signMethod))
        {
            throw new ArgumentOutOfRangeException(nameof(signMethod), signMethod, "A CMS document is signed CmsWithData or CmsSignOnly.");
        }

        return new EGovMobileDocument { NameRu = nameRu, NameKz = nameKz, NameEn = nameEn, SignMethod = signMethod, Content = (byte[])content.Clone(), Mime = mime };
    }

    /// <inheritdoc />
    public override string ToString() => $"EGovMobileDocument {{ SignMethod = {SignMethod}, Bytes = {Content?.Length ?? 0} }}";
}

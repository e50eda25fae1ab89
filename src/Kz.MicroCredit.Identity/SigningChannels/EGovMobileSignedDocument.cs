namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>One document of an accepted eGov mobile session with the borrower's signature, as the lender archives it.</summary>
public sealed class EGovMobileSignedDocument
{
    internal EGovMobileSignedDocument(int id, bool isChallenge, string nameRu, string nameKz, string nameEn, EGovMobileSignMethod signMethod, byte[] content, byte[] signature)
    {
        Id = id;
        IsChallenge = isChallenge;
        NameRu = nameRu;
        NameKz = nameKz;
        NameEn = nameEn;
        SignMethod = signMethod;
        Content = content;
        Signature = signature;
    }

    /// <summary>Gets the document's id in the session (1 is the challenge, the lender's documents follow in order).</summary>
    public int Id { get; }

    /// <summary>Gets a value indicating whether this is the session's challenge (the one <c>nca-eds</c> verifies for the identification).</summary>
    public bool IsChallenge { get; }

    /// <summary>Gets the name in Russian.</summary>
    public string NameRu { get; }

    /// <summary>Gets the name in Kazakh.</summary>
    public string NameKz { get; }

    /// <summary>Gets the name in English.</summary>
    public string NameEn { get; }

    /// <summary>Gets how it was signed.</summary>
    public EGovMobileSignMethod SignMethod { get; }

    /// <summary>Gets the content served to the phone (the XML document, or the bytes the CMS signs).</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Gets the signature exactly as the phone answered it: the signed XML (UTF-8) or the CMS (DER).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <inheritdoc />
    public override string ToString() => $"EGovMobileSignedDocument {{ Id = {Id}, SignMethod = {SignMethod}, Bytes = {Signature.Length} }}";
}

using System.Globalization;
using System.Security;
using System.Text;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// A single-use nonce the borrower signs (with NCALayer, say), bound to their IIN, the operation and an expiry, so
/// that an old signature cannot be replayed. The signed form (<see cref="ToSignedText"/> or <see cref="ToSignedXml"/>)
/// carries no personal data.
/// </summary>
public sealed class BorrowerChallenge
{
    private const string TextPrefix = "kzid-challenge/1";
    private const string XmlNamespace = "urn:kz-microcredit-identity:challenge:1";

    internal BorrowerChallenge(string id, string nonce, Iin iin, IdentificationOperation operation, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        Id = id;
        Nonce = nonce;
        Iin = iin;
        Operation = operation;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the challenge id (base64url, 128 random bits).</summary>
    public string Id { get; }

    /// <summary>Gets the nonce (base64url, 256 random bits).</summary>
    public string Nonce { get; }

    /// <summary>Gets the IIN the challenge is bound to.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the operation the challenge is bound to.</summary>
    public IdentificationOperation Operation { get; }

    /// <summary>Gets when it was issued.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>Gets when it expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets the text the borrower signs as CMS: one line, ASCII, no personal data.</summary>
    /// <returns>The text.</returns>
    public string ToSignedText() => string.Create(
        CultureInfo.InvariantCulture,
        $"{TextPrefix} id={Id} nonce={Nonce} op={EvidenceReportFactory.OperationName(Operation)} exp={ExpiresAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    /// <summary>Gets the UTF-8 bytes of <see cref="ToSignedText"/>.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToSignedBytes() => Encoding.UTF8.GetBytes(ToSignedText());

    /// <summary>Gets an XML document the borrower signs with an enveloped XMLDSig signature.</summary>
    /// <returns>The XML.</returns>
    public string ToSignedXml() => string.Create(
        CultureInfo.InvariantCulture,
        $"<challenge xmlns=\"{XmlNamespace}\" id=\"{SecurityElement.Escape(Id)}\" nonce=\"{SecurityElement.Escape(Nonce)}\" operation=\"{EvidenceReportFactory.OperationName(Operation)}\" expiresAt=\"{ExpiresAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\"/>");

    /// <summary>Reads the id and nonce out of signed text produced by <see cref="ToSignedText"/>.</summary>
    /// <param name="signedContent">The signed bytes.</param>
    /// <param name="reference">The id and nonce.</param>
    /// <returns>Whether the content is a challenge text.</returns>
    public static bool TryParseSignedText(ReadOnlySpan<byte> signedContent, out ChallengeReference reference)
    {
        reference = default;
        if (signedContent.Length is 0 or > 512)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(signedContent);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        string[] parts = text.Split(' ');
        if (parts.Length != 5 || parts[0] != TextPrefix)
        {
            return false;
        }

        string? id = Field(parts[1], "id=");
        string? nonce = Field(parts[2], "nonce=");
        if (id is null || nonce is null)
        {
            return false;
        }

        reference = new ChallengeReference(id, nonce);
        return true;
    }

    /// <summary>Reads the id and nonce out of the root element of a signed challenge XML document.</summary>
    /// <param name="root">The verified signed root element.</param>
    /// <param name="reference">The id and nonce.</param>
    /// <returns>Whether the element is a challenge.</returns>
    public static bool TryParseSignedXml(System.Xml.XmlElement root, out ChallengeReference reference)
    {
        ArgumentNullException.ThrowIfNull(root);
        reference = default;
        if (root.LocalName != "challenge" || root.NamespaceURI != XmlNamespace)
        {
            return false;
        }

        string id = root.GetAttribute("id");
        string nonce = root.GetAttribute("nonce");
        if (id.Length == 0 || nonce.Length == 0)
        {
            return false;
        }

        reference = new ChallengeReference(id, nonce);
        return true;
    }

    private static string? Field(string part, string name) =>
        part.StartsWith(name, StringComparison.Ordinal) && part.Length > name.Length ? part[name.Length..] : null;
}

using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// A reference to the document behind a workflow step: the complaint's incoming number, the lender's letter to the
/// police, the CPC art. 71 resolution, the write-off order, the bureau's confirmation. Only a kind and a number,
/// never the document's content; do not put personal data in either.
/// </summary>
public sealed record DocumentReference
{
    /// <summary>Initializes a new instance of the <see cref="DocumentReference"/> class.</summary>
    /// <param name="kind">A short kind such as <c>complaint</c>, <c>cpc-71-resolution</c> or <c>write-off-order</c>.</param>
    /// <param name="number">The document's number or registry id.</param>
    /// <param name="issuedOn">The date on the document, when known.</param>
    /// <exception cref="ArgumentException">The kind or number is empty or longer than 128 characters.</exception>
    [JsonConstructor]
    public DocumentReference(string kind, string number, DateOnly? issuedOn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        if (kind.Length > 128 || number.Length > 128)
        {
            throw new ArgumentException("A document kind or number is longer than 128 characters.", kind.Length > 128 ? nameof(kind) : nameof(number));
        }

        Kind = kind;
        Number = number;
        IssuedOn = issuedOn;
    }

    /// <summary>Gets the document's kind.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; }

    /// <summary>Gets the document's number.</summary>
    [JsonPropertyName("number")]
    public string Number { get; }

    /// <summary>Gets the date on the document, when known.</summary>
    [JsonPropertyName("issuedOn")]
    public DateOnly? IssuedOn { get; }
}

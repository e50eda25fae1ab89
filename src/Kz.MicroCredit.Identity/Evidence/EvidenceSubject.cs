using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity;

/// <summary>Who was identified, without clear personal data by default.</summary>
public sealed class EvidenceSubject
{
    /// <summary>Gets the masked IIN, e.g. <c>**********26</c>.</summary>
    [JsonPropertyName("iinMasked")]
    public required string IinMasked { get; init; }

    /// <summary>Gets an HMAC-SHA-256 token of the IIN under the lender's key (hex), to correlate reports without the IIN; null when no key is configured.</summary>
    [JsonPropertyName("iinToken")]
    public string? IinToken { get; init; }

    /// <summary>Gets the clear IIN, present only when the lender opted in (<see cref="EvidenceReportOptions.IncludeClearIin"/>).</summary>
    [JsonPropertyName("iin")]
    public string? Iin { get; init; }

    /// <summary>Gets the masked phone number, when one was declared.</summary>
    [JsonPropertyName("phoneMasked")]
    public string? PhoneMasked { get; init; }

    /// <summary>Gets an HMAC-SHA-256 token of the E.164 phone number under the lender's key.</summary>
    [JsonPropertyName("phoneToken")]
    public string? PhoneToken { get; init; }
}

using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.SigningChannels;

// The wire shapes of the eGov mobile cross-signing protocol (API 1 and API 2), field names exactly as the apps expect.
internal sealed class EGovMobileApi1Response
{
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("expiry_date")]
    public required string ExpiryDate { get; init; }

    [JsonPropertyName("organisation")]
    public required EGovMobileOrganisation Organisation { get; init; }

    [JsonPropertyName("document")]
    public required EGovMobileDocumentLocation Document { get; init; }
}

internal sealed class EGovMobileOrganisation
{
    [JsonPropertyName("nameRu")]
    public required string NameRu { get; init; }

    [JsonPropertyName("nameKz")]
    public required string NameKz { get; init; }

    [JsonPropertyName("nameEn")]
    public required string NameEn { get; init; }

    [JsonPropertyName("bin")]
    public required string Bin { get; init; }
}

internal sealed class EGovMobileDocumentLocation
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("auth_type")]
    public required string AuthType { get; init; }

    [JsonPropertyName("auth_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AuthToken { get; init; }
}

internal sealed class EGovMobileDocuments
{
    [JsonPropertyName("signMethod")]
    public string? SignMethod { get; set; }

    [JsonPropertyName("version")]
    public int Version { get; set; }

    [JsonPropertyName("documentsToSign")]
    public List<EGovMobileDocumentToSign>? DocumentsToSign { get; set; }
}

internal sealed class EGovMobileDocumentToSign
{
    [JsonPropertyName("id")]
    public int Id { get; set; }

    [JsonPropertyName("nameRu")]
    public string? NameRu { get; set; }

    [JsonPropertyName("nameKz")]
    public string? NameKz { get; set; }

    [JsonPropertyName("nameEn")]
    public string? NameEn { get; set; }

    [JsonPropertyName("meta")]
    public List<EGovMobileMeta>? Meta { get; set; }

    [JsonPropertyName("documentXml")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DocumentXml { get; set; }

    [JsonPropertyName("document")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EGovMobileDocumentBody? Document { get; set; }
}

internal sealed class EGovMobileMeta
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

internal sealed class EGovMobileDocumentBody
{
    [JsonPropertyName("file")]
    public EGovMobileFile? File { get; set; }
}

internal sealed class EGovMobileFile
{
    [JsonPropertyName("mime")]
    public string? Mime { get; set; }

    [JsonPropertyName("data")]
    public string? Data { get; set; }
}

// The body of the Eds authentication (POST to API 2): the XML the app signed. The field name is not published by the
// operator (unconfirmed); "xml" follows public integrations.
internal sealed class EGovMobileEdsAuthentication
{
    [JsonPropertyName("xml")]
    public string? Xml { get; set; }
}

// The accepted answer of a session with documents, as one opaque block in the store: every signature in document order.
internal sealed class EGovMobileStoredAnswer
{
    [JsonPropertyName("signatures")]
    public List<byte[]>? Signatures { get; set; }
}

internal sealed class EGovMobileMessage
{
    [JsonPropertyName("message")]
    public required string Message { get; init; }
}

internal sealed class EGovMobileStatusResponse
{
    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("reasons")]
    public required IReadOnlyList<string> Reasons { get; init; }

    [JsonPropertyName("expiresAt")]
    public required DateTimeOffset ExpiresAt { get; init; }
}

[JsonSourceGenerationOptions(MaxDepth = 16)]
[JsonSerializable(typeof(EGovMobileApi1Response))]
[JsonSerializable(typeof(EGovMobileDocuments))]
[JsonSerializable(typeof(EGovMobileMessage))]
[JsonSerializable(typeof(EGovMobileEdsAuthentication))]
[JsonSerializable(typeof(EGovMobileStoredAnswer))]
[JsonSerializable(typeof(EGovMobileStatusResponse))]
internal sealed partial class EGovMobileJsonContext : JsonSerializerContext;

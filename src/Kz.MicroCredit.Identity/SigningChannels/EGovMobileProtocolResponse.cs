namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>An answer of a protocol endpoint: the HTTP status and the JSON body.</summary>
internal readonly record struct EGovMobileProtocolResponse(int StatusCode, byte[] Body);

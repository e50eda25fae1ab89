using System.Text.Json.Serialization;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.SigningChannels;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>The JSON of the sealed records (source-generated; the records are sealed before they reach Redis).</summary>
[JsonSerializable(typeof(ChallengeRecord))]
[JsonSerializable(typeof(OtpRecord))]
[JsonSerializable(typeof(RealTimePhotoSessionRecord))]
[JsonSerializable(typeof(LivenessResult))]
[JsonSerializable(typeof(KcmrSessionRecord))]
[JsonSerializable(typeof(CeidMatchResult))]
[JsonSerializable(typeof(StoredPhoneConsent))]
[JsonSerializable(typeof(EGovMobileSession))]
[JsonSerializable(typeof(StoredEGovMobileOutcome))]
internal sealed partial class RedisStateJsonContext : JsonSerializerContext;

/// <summary>A phone consent as sealed in Redis (the value types as text).</summary>
internal sealed class StoredPhoneConsent
{
    public required string Iin { get; init; }

    public required string PhoneNumber { get; init; }

    public string? RequestToken { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string RequestMessageId { get; init; }
}

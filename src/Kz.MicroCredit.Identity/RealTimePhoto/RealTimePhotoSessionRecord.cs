using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A real-time photo session as stored: keyed hashes of the IIN and phone, never the clear values, the code or an image.</summary>
internal sealed record RealTimePhotoSessionRecord
{
    /// <summary>Gets the session id (base64url, 128 random bits).</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the session nonce given to the provider (an HMAC over the session, borrower, operation and loan).</summary>
    public required string Nonce { get; init; }

    /// <summary>Gets the HMAC of the IIN.</summary>
    public required string IinKey { get; init; }

    /// <summary>Gets the HMAC of the phone number.</summary>
    public required string PhoneKey { get; init; }

    /// <summary>Gets the operation.</summary>
    public required IdentificationOperation Operation { get; init; }

    /// <summary>Gets the lender's correlation id (loan or application).</summary>
    public required string CorrelationId { get; init; }

    /// <summary>Gets the amount in tenge named in the code message, if any.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Gets the random commands issued.</summary>
    public required IReadOnlyList<LivenessCommand> Commands { get; init; }

    /// <summary>Gets the provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the provider's session id.</summary>
    public required string ProviderSessionId { get; init; }

    /// <summary>Gets the reference source.</summary>
    public required FaceReferenceSource ReferenceSource { get; init; }

    /// <summary>Gets when the session started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the session window closes.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets when the code was sent.</summary>
    public DateTimeOffset? OtpSentAt { get; init; }
}

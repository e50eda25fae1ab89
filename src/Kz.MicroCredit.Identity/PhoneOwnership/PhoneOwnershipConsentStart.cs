using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>The result of starting a consent.</summary>
public sealed class PhoneOwnershipConsentStart
{
    internal PhoneOwnershipConsentStart(string? handle, DateTimeOffset? expiresAt, ReasonCode? failure, string requestMessageId)
    {
        Handle = handle;
        ExpiresAt = expiresAt;
        Failure = failure;
        RequestMessageId = requestMessageId;
    }

    /// <summary>Gets a value indicating whether the code was sent.</summary>
    public bool CodeSent => Handle is not null;

    /// <summary>Gets the opaque consent handle (null when no code was sent).</summary>
    public string? Handle { get; }

    /// <summary>Gets when the consent expires.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Gets why no code was sent.</summary>
    public ReasonCode? Failure { get; }

    /// <summary>Gets the SmartBridge message id of the consent request.</summary>
    public string RequestMessageId { get; }

    /// <inheritdoc />
    public override string ToString() => $"PhoneOwnershipConsentStart {{ CodeSent = {CodeSent}, Failure = {Failure} }}";
}

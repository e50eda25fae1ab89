using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>The result of <see cref="IRealTimePhotoSessionService.StartAsync"/>.</summary>
/// <param name="Status">The status.</param>
/// <param name="Session">The session when started.</param>
public sealed record RealTimePhotoStartResult(RealTimePhotoStartStatus Status, RealTimePhotoSession? Session)
{
    /// <summary>Gets a value indicating whether the session started.</summary>
    public bool IsStarted => Status == RealTimePhotoStartStatus.Started && Session is not null;

    /// <summary>Gets the reason code for a session that did not start, for the lender's own logs and answers.</summary>
    public ReasonCode? Reason => Status switch
    {
        RealTimePhotoStartStatus.RateLimited => ReasonCode.OtpRateLimited,
        RealTimePhotoStartStatus.ProviderUnavailable => ReasonCode.ProviderUnavailable,
        RealTimePhotoStartStatus.OtpNotSent => ReasonCode.OtpNotSent,
        _ => null,
    };
}

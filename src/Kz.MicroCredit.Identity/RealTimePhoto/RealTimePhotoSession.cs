using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A started session, as the backend gives it to the borrower's app.</summary>
public sealed record RealTimePhotoSession
{
    /// <summary>Gets the session id; pass it back in <see cref="RealTimePhotoEvidence"/>.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the random commands the borrower will be asked to perform, in order.</summary>
    public required IReadOnlyList<LivenessCommand> Commands { get; init; }

    /// <summary>Gets the provider's hosted flow, or <see langword="null"/> for an SDK flow.</summary>
    public Uri? HostedFlowUrl { get; init; }

    /// <summary>Gets the provider's SDK token, or <see langword="null"/>.</summary>
    public string? SdkToken { get; init; }

    /// <summary>Gets the provider's session id.</summary>
    public required string ProviderSessionId { get; init; }

    /// <summary>Gets when the code expires.</summary>
    public required DateTimeOffset OtpExpiresAt { get; init; }

    /// <summary>Gets when the session window closes.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}

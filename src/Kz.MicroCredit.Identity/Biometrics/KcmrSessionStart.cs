using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The outcome of starting a hosted session.</summary>
public sealed class KcmrSessionStart
{
    internal KcmrSessionStart(string? sessionId, Uri? redirectUrl, DateTimeOffset expiresAt, IReadOnlyList<ReasonCode> failure)
    {
        SessionId = sessionId;
        RedirectUrl = redirectUrl;
        ExpiresAt = expiresAt;
        Failure = failure;
    }

    /// <summary>Gets a value indicating whether the session was created.</summary>
    [MemberNotNullWhen(true, nameof(SessionId), nameof(RedirectUrl))]
    public bool Succeeded => SessionId is not null && RedirectUrl is not null;

    /// <summary>Gets the session id: put it in a <see cref="KcmrSessionEvidence"/> when the borrower returns.</summary>
    public string? SessionId { get; }

    /// <summary>Gets the URL to open in the borrower's browser or WebView.</summary>
    public Uri? RedirectUrl { get; }

    /// <summary>Gets when the session expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets why the session was not created.</summary>
    public IReadOnlyList<ReasonCode> Failure { get; }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Session {SessionId}" : $"Failed [{string.Join(", ", Failure)}]";
}

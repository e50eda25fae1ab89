using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A one-time code message to send; the lender's <see cref="IOtpSender"/> delivers it by SMS.</summary>
/// <remarks><see cref="ToString"/> prints neither the text (it holds the code) nor the number.</remarks>
public sealed class OtpMessage
{
    /// <summary>Initializes a new instance of the <see cref="OtpMessage"/> class.</summary>
    /// <param name="phoneNumber">The number.</param>
    /// <param name="text">The text, with the code, the operation and the amount.</param>
    /// <param name="sessionId">The real-time photo session id (for the gateway's delivery reports).</param>
    /// <param name="expiresAt">When the code expires.</param>
    public OtpMessage(KzPhoneNumber phoneNumber, string text, string sessionId, DateTimeOffset expiresAt)
    {
        PhoneNumber = phoneNumber;
        Text = text;
        SessionId = sessionId;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the destination number. Personal data.</summary>
    public KzPhoneNumber PhoneNumber { get; }

    /// <summary>Gets the SMS text; it contains the code. Never log it.</summary>
    public string Text { get; }

    /// <summary>Gets the session id.</summary>
    public string SessionId { get; }

    /// <summary>Gets when the code expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"OtpMessage {{ SessionId = {SessionId}, PhoneNumber = {PhoneNumber} }}";
}

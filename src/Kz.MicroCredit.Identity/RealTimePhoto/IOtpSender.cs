using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Sends a one-time code to the borrower's phone; the lender implements it over their SMS gateway.</summary>
public interface IOtpSender
{
    /// <summary>Sends the message. Throw when it was not accepted for delivery.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task SendAsync(OtpMessage message, CancellationToken cancellationToken = default);
}

using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Kz.MicroCredit.Identity.RealTimePhoto;

namespace Kz.MicroCredit.Identity.Testing.RealTimePhoto;

/// <summary>
/// An <see cref="IOtpSender"/> that keeps the messages instead of sending them, so tests and samples can read the code
/// the borrower would have received. Can be told to fail.
/// </summary>
public sealed partial class CapturingOtpSender : IOtpSender
{
    private readonly ConcurrentQueue<OtpMessage> _messages = new();

    /// <summary>Gets or sets a value indicating whether <see cref="SendAsync"/> throws (an SMS gateway outage).</summary>
    public bool Fail { get; set; }

    /// <summary>Gets the messages sent so far.</summary>
    public IReadOnlyCollection<OtpMessage> Messages => _messages.ToArray();

    /// <inheritdoc />
    public Task SendAsync(OtpMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Fail)
        {
            throw new InvalidOperationException("Simulated SMS gateway outage.");
        }

        _messages.Enqueue(message);
        return Task.CompletedTask;
    }

    /// <summary>Gets the message of a session.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The message.</returns>
    /// <exception cref="InvalidOperationException">No message was sent for the session.</exception>
    public OtpMessage MessageFor(string sessionId) =>
        _messages.LastOrDefault(m => m.SessionId == sessionId) ?? throw new InvalidOperationException("No code was sent for this session.");

    /// <summary>Gets the code of a session: the first run of 4 to 10 digits in its text.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The code.</returns>
    public string CodeFor(string sessionId)
    {
        Match match = CodePattern().Match(MessageFor(sessionId).Text);
        return match.Success ? match.Value : throw new InvalidOperationException("The message holds no code.");
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{4,10}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}

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

/// <summary>Sends a one-time code to the borrower's phone; the lender implements it over their SMS gateway.</summary>
public interface IOtpSender
{
    /// <summary>Sends the message. Throw when it was not accepted for delivery.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task SendAsync(OtpMessage message, CancellationToken cancellationToken = default);
}

/// <summary>A one-time code as stored: only a keyed hash of the code, bound to its session.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="CodeHash">HMAC-SHA-256 over the session id and the code.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record OtpRecord(string SessionId, byte[] CodeHash, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);

/// <summary>A stored code with its counters.</summary>
/// <param name="Record">The record.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Consumed">Whether the code was accepted (or used up) already.</param>
public readonly record struct OtpState(OtpRecord Record, int Attempts, bool Consumed);

/// <summary>
/// Keeps one-time codes (hashes only) and the send-rate windows. Keys of the rate windows are HMACs, never the clear
/// phone number or IIN. Implementations must make <see cref="IncrementAttemptsAsync"/>, <see cref="TryConsumeAsync"/>
/// and <see cref="TryAcquireSendSlotAsync"/> atomic.
/// </summary>
public interface IOtpStore
{
    /// <summary>Adds a code.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(OtpRecord record, CancellationToken cancellationToken = default);

    /// <summary>Gets a code and its counters.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The state, or <see langword="null"/> when unknown.</returns>
    Task<OtpState?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Counts an attempt.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The number of attempts including this one; 0 when the code is unknown.</returns>
    Task<int> IncrementAttemptsAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Marks the code consumed.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether this call consumed it (false when already consumed or unknown).</returns>
    Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Takes a slot in a sliding send window.</summary>
    /// <param name="rateKey">The window key (an HMAC).</param>
    /// <param name="now">Now.</param>
    /// <param name="window">The window length.</param>
    /// <param name="limit">Sends allowed in the window.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether a slot was taken.</returns>
    Task<bool> TryAcquireSendSlotAsync(string rateKey, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken = default);
}

/// <summary>An in-process <see cref="IOtpStore"/>; expired codes and windows are reclaimed a few at a time (O(1) per add).</summary>
public sealed class InMemoryOtpStore : IOtpStore
{
    /// <summary>Codes stay an hour after expiry so that a late replay still says AlreadyUsed or Expired.</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ExpiringTable<Entry> _codes;
    private readonly ExpiringTable<Queue<DateTimeOffset>> _windows;

    /// <summary>Initializes a new instance of the <see cref="InMemoryOtpStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge.</param>
    public InMemoryOtpStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _codes = new ExpiringTable<Entry>(timeProvider);
        _windows = new ExpiringTable<Queue<DateTimeOffset>>(timeProvider);
    }

    /// <inheritdoc />
    public Task AddAsync(OtpRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_codes.TryAdd(record.SessionId, new Entry(record), record.ExpiresAt + Retention))
        {
            throw new InvalidOperationException("A code for this session already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OtpState?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGet(sessionId, out Entry? e) ? new OtpState(e.Record, Volatile.Read(ref e.Attempts), Volatile.Read(ref e.Consumed) != 0) : (OtpState?)null);

    /// <inheritdoc />
    public Task<int> IncrementAttemptsAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGet(sessionId, out Entry? e) ? Interlocked.Increment(ref e.Attempts) : 0);

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGet(sessionId, out Entry? e) && Interlocked.Exchange(ref e.Consumed, 1) == 0);

    /// <inheritdoc />
    public Task<bool> TryAcquireSendSlotAsync(string rateKey, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rateKey);
        Queue<DateTimeOffset> q = _windows.GetOrAdd(rateKey, static () => new Queue<DateTimeOffset>(), now + window);
        lock (q)
        {
            while (q.Count > 0 && q.Peek() <= now - window)
            {
                q.Dequeue();
            }

            if (q.Count >= limit)
            {
                return Task.FromResult(false);
            }

            q.Enqueue(now);

            // The window lives as long as its newest send matters.
            _windows.Extend(rateKey, now + window);
            return Task.FromResult(true);
        }
    }

    private sealed class Entry(OtpRecord record)
    {
        public readonly OtpRecord Record = record;
        public int Attempts;
        public int Consumed;
    }
}

/// <summary>The result of checking a one-time code.</summary>
public enum OtpCheckResult
{
    /// <summary>Correct, in time, first acceptance.</summary>
    Accepted = 0,

    /// <summary>Wrong code; attempts remain.</summary>
    Invalid = 1,

    /// <summary>Expired.</summary>
    Expired = 2,

    /// <summary>The attempt cap is reached; the code is used up.</summary>
    AttemptsExhausted = 3,

    /// <summary>Already accepted once (a replay).</summary>
    AlreadyUsed = 4,

    /// <summary>No code for this session.</summary>
    NotFound = 5,
}

/// <summary>Compares code hashes. The default is constant-time; tests substitute a recording one.</summary>
internal interface IOtpCodeComparer
{
    bool AreEqual(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual);
}

internal sealed class FixedTimeOtpCodeComparer : IOtpCodeComparer
{
    public static FixedTimeOtpCodeComparer Instance { get; } = new();

    public bool AreEqual(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) => CryptographicOperations.FixedTimeEquals(expected, actual);
}

/// <summary>The secret key for keyed hashes: from options or random per process.</summary>
internal sealed class RealTimePhotoKeyRing
{
    private readonly byte[] _key;

    public RealTimePhotoKeyRing(IOptions<RealTimePhotoOptions> options)
        : this(options.Value.SecretKey)
    {
    }

    internal RealTimePhotoKeyRing(byte[]? key) => _key = key is { Length: >= 32 } ? (byte[])key.Clone() : RandomNumberGenerator.GetBytes(32);

    public byte[] Mac(string purpose, string value) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + value));

    public string MacText(string purpose, string value) => Convert.ToHexStringLower(Mac(purpose, value));
}

/// <summary>Issues and checks one-time codes.</summary>
internal sealed class OtpManager
{
    private readonly IOtpStore _store;
    private readonly RealTimePhotoKeyRing _keys;
    private readonly IOtpCodeComparer _comparer;
    private readonly TimeProvider _time;
    private readonly RealTimePhotoOptions _options;
    private readonly ILogger _logger;

    public OtpManager(IOtpStore store, RealTimePhotoKeyRing keys, IOtpCodeComparer comparer, TimeProvider time, RealTimePhotoOptions options, ILogger logger)
    {
        _store = store;
        _keys = keys;
        _comparer = comparer;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>A uniform random code of the configured length (CSPRNG, no modulo bias).</summary>
    public static string GenerateCode(int length)
    {
        return string.Create(length, 0, static (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });
    }

    public static string FormatAmount(decimal amount)
    {
        string digits = decimal.Round(amount, 2).ToString("#,0.##", CultureInfo.InvariantCulture);
        return digits.Replace(',', '\u00A0');
    }

    public string ComposeText(string code, IdentificationOperation operation, decimal? amount)
    {
        string template = amount is null ? _options.MessageTemplateWithoutAmount : _options.MessageTemplate;
        string minutes = Math.Max(1, (int)Math.Ceiling(_options.OtpLifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        return template
            .Replace("{operation}", _options.OperationTexts[operation], StringComparison.Ordinal)
            .Replace("{amount}", amount is null ? string.Empty : FormatAmount(amount.Value), StringComparison.Ordinal)
            .Replace("{minutes}", minutes, StringComparison.Ordinal)
            .Replace("{code}", code, StringComparison.Ordinal);
    }

    public async Task<bool> TryAcquireSendSlotsAsync(Iin iin, KzPhoneNumber phone, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (!await _store.TryAcquireSendSlotAsync(_keys.MacText("otp-rate-phone", phone.E164), now, _options.OtpRateWindow, _options.OtpSendLimitPerPhone, cancellationToken).ConfigureAwait(false))
        {
            RealTimePhotoLog.OtpRateLimited(_logger, "phone");
            return false;
        }

        if (!await _store.TryAcquireSendSlotAsync(_keys.MacText("otp-rate-iin", iin.Value), now, _options.OtpRateWindow, _options.OtpSendLimitPerIin, cancellationToken).ConfigureAwait(false))
        {
            RealTimePhotoLog.OtpRateLimited(_logger, "iin");
            return false;
        }

        return true;
    }

    /// <summary>Stores the hash of a new code and returns the code (to be put in the message and then dropped).</summary>
    public async Task<(string Code, OtpRecord Record)> IssueAsync(string sessionId, CancellationToken cancellationToken)
    {
        string code = GenerateCode(_options.OtpLength);
        DateTimeOffset now = _time.GetUtcNow();
        var record = new OtpRecord(sessionId, Hash(sessionId, code), now, now + _options.OtpLifetime);
        await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        return (code, record);
    }

    public async Task<(OtpCheckResult Result, OtpState? State)> CheckAsync(string sessionId, string? code, CancellationToken cancellationToken)
    {
        OtpState? state = await _store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return (OtpCheckResult.NotFound, null);
        }

        OtpState s = state.Value;
        if (s.Consumed)
        {
            return (s.Attempts >= _options.OtpMaxAttempts ? OtpCheckResult.AttemptsExhausted : OtpCheckResult.AlreadyUsed, s);
        }

        if (_time.GetUtcNow() >= s.Record.ExpiresAt)
        {
            return (OtpCheckResult.Expired, s);
        }

        int attempt = await _store.IncrementAttemptsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (attempt > _options.OtpMaxAttempts || attempt == 0)
        {
            return (OtpCheckResult.AttemptsExhausted, s);
        }

        // Hash whatever was typed (normalised): the comparison is over fixed-length MACs in constant time.
        byte[] actual = Hash(sessionId, Normalise(code));
        bool equal = _comparer.AreEqual(s.Record.CodeHash, actual);
        OtpCheckResult result;
        if (!equal)
        {
            if (attempt >= _options.OtpMaxAttempts)
            {
                await _store.TryConsumeAsync(sessionId, cancellationToken).ConfigureAwait(false);
                result = OtpCheckResult.AttemptsExhausted;
            }
            else
            {
                result = OtpCheckResult.Invalid;
            }
        }
        else
        {
            result = await _store.TryConsumeAsync(sessionId, cancellationToken).ConfigureAwait(false) ? OtpCheckResult.Accepted : OtpCheckResult.AlreadyUsed;
        }

        RealTimePhotoLog.OtpChecked(_logger, sessionId, result.ToString(), attempt);
        return (result, s with { Attempts = attempt });
    }

    private static string Normalise(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 32)
        {
            return string.Empty;
        }

        return code.Trim();
    }

    private byte[] Hash(string sessionId, string code) => _keys.Mac("otp-code", sessionId + "\n" + code);
}

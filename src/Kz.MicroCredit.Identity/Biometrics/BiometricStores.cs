using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// Counts failed biometric attempts per borrower and operation (the regulation's cap: three failed attempts are a
/// negative result). Keys are HMAC tokens of IIN and operation, never the clear IIN.
/// </summary>
public interface IBiometricAttemptStore
{
    /// <summary>Gets the number of failed attempts still inside the window.</summary>
    /// <param name="subjectKey">The keyed token of borrower and operation.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The count.</returns>
    Task<int> GetFailedAttemptsAsync(string subjectKey, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt and returns the new count.</summary>
    /// <param name="subjectKey">The keyed token.</param>
    /// <param name="window">How long the attempt is remembered.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The count including this failure.</returns>
    Task<int> RecordFailureAsync(string subjectKey, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Forgets the failures after a verified attempt.</summary>
    /// <param name="subjectKey">The keyed token.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task ResetAsync(string subjectKey, CancellationToken cancellationToken = default);
}

/// <summary>An in-process <see cref="IBiometricAttemptStore"/>; use a shared store when several instances serve borrowers.</summary>
public sealed class InMemoryBiometricAttemptStore : IBiometricAttemptStore
{
    private readonly ExpiringTable<List<DateTimeOffset>> _failures;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryBiometricAttemptStore"/> class.</summary>
    /// <param name="timeProvider">The clock.</param>
    public InMemoryBiometricAttemptStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _failures = new ExpiringTable<List<DateTimeOffset>>(timeProvider);
    }

    /// <inheritdoc />
    public Task<int> GetFailedAttemptsAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        if (!_failures.TryGet(subjectKey, out List<DateTimeOffset>? list))
        {
            return Task.FromResult(0);
        }

        lock (list)
        {
            Prune(list);
            return Task.FromResult(list.Count);
        }
    }

    /// <inheritdoc />
    public Task<int> RecordFailureAsync(string subjectKey, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        DateTimeOffset expiresAt = _time.GetUtcNow() + window;
        List<DateTimeOffset> list = _failures.GetOrAdd(subjectKey, static () => [], expiresAt);
        lock (list)
        {
            Prune(list);
            list.Add(expiresAt);

            // The counter lives as long as its newest failure.
            _failures.Extend(subjectKey, expiresAt);
            return Task.FromResult(list.Count);
        }
    }

    /// <inheritdoc />
    public Task ResetAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        _failures.TryRemove(subjectKey);
        return Task.CompletedTask;
    }

    private void Prune(List<DateTimeOffset> expiries)
    {
        DateTimeOffset now = _time.GetUtcNow();
        expiries.RemoveAll(e => e <= now);
    }
}

/// <summary>A hosted session as the lender keeps it: bound to a borrower token and an operation, single-use.</summary>
/// <param name="SessionId">The provider's session id.</param>
/// <param name="RequestId">The lender's request id sent when creating it.</param>
/// <param name="SubjectKey">The keyed token of the borrower's IIN (not the IIN).</param>
/// <param name="Operation">The operation.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it expires (the earlier of the provider's expiry and the configured maximum).</param>
/// <param name="State">The last known state.</param>
/// <param name="Result">The comparison result once completed.</param>
/// <param name="Consumed">Whether a decision already used it.</param>
public sealed record KcmrSessionRecord(
    string SessionId,
    string RequestId,
    string SubjectKey,
    IdentificationOperation Operation,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    CeidSessionState State,
    CeidMatchResult? Result,
    bool Consumed);

/// <summary>How a store took a session update.</summary>
public enum KcmrSessionUpdateStatus
{
    /// <summary>No such session.</summary>
    Unknown = 0,

    /// <summary>Applied.</summary>
    Applied = 1,

    /// <summary>The session already had a final state; the update was ignored (first final state wins).</summary>
    AlreadyFinal = 2,
}

/// <summary>Keeps the lender's hosted sessions; implementations must make <see cref="TryConsumeAsync"/> atomic.</summary>
public interface IKcmrSessionStore
{
    /// <summary>Adds a new session.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(KcmrSessionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Gets a session.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The record or <see langword="null"/>.</returns>
    Task<KcmrSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Records a state; a final state (completed, expired, failed) is written once and never replaced.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="state">The state.</param>
    /// <param name="result">The result for a completed session.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How the update was taken.</returns>
    Task<KcmrSessionUpdateStatus> UpdateAsync(string sessionId, CeidSessionState state, CeidMatchResult? result, CancellationToken cancellationToken = default);

    /// <summary>Marks a session consumed.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns><see langword="true"/> for the one caller that consumed it first.</returns>
    Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Records a callback event id.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="keepUntil">How long to remember it.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns><see langword="true"/> the first time the event is seen.</returns>
    Task<bool> TryRecordEventAsync(string eventId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default);
}

/// <summary>An in-process <see cref="IKcmrSessionStore"/>; old entries are reclaimed a few at a time (O(1) per add).</summary>
public sealed class InMemoryKcmrSessionStore : IKcmrSessionStore
{
    /// <summary>Sessions stay an hour after expiry so that a late callback or replay still finds them.</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ExpiringTable<Holder> _sessions;
    private readonly ExpiringTable<string> _events;

    /// <summary>Initializes a new instance of the <see cref="InMemoryKcmrSessionStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge old entries.</param>
    public InMemoryKcmrSessionStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sessions = new ExpiringTable<Holder>(timeProvider);
        _events = new ExpiringTable<string>(timeProvider);
    }

    /// <inheritdoc />
    public Task AddAsync(KcmrSessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_sessions.TryAdd(record.SessionId, new Holder(record), record.ExpiresAt + Retention))
        {
            throw new InvalidOperationException("A session with this id already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<KcmrSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGet(sessionId, out Holder? holder))
        {
            return Task.FromResult<KcmrSessionRecord?>(null);
        }

        lock (holder)
        {
            return Task.FromResult<KcmrSessionRecord?>(holder.Record);
        }
    }

    /// <inheritdoc />
    public Task<KcmrSessionUpdateStatus> UpdateAsync(string sessionId, CeidSessionState state, CeidMatchResult? result, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGet(sessionId, out Holder? holder))
        {
            return Task.FromResult(KcmrSessionUpdateStatus.Unknown);
        }

        lock (holder)
        {
            if (KcmrBiometricsSessions.IsFinal(holder.Record.State))
            {
                return Task.FromResult(KcmrSessionUpdateStatus.AlreadyFinal);
            }

            holder.Record = holder.Record with { State = state, Result = state == CeidSessionState.Completed ? result : null };
            return Task.FromResult(KcmrSessionUpdateStatus.Applied);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGet(sessionId, out Holder? holder))
        {
            return Task.FromResult(false);
        }

        lock (holder)
        {
            if (holder.Record.Consumed)
            {
                return Task.FromResult(false);
            }

            holder.Record = holder.Record with { Consumed = true };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryRecordEventAsync(string eventId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return Task.FromResult(_events.TryAdd(eventId, eventId, keepUntil));
    }

    private sealed class Holder(KcmrSessionRecord record)
    {
        public KcmrSessionRecord Record = record;
    }
}

/// <summary>Turns IIN (+ operation) into a keyed HMAC-SHA256 token for the stores; a plain hash of an IIN is reversible.</summary>
internal sealed class BiometricSubjectKeys
{
    private readonly byte[] _key;

    public BiometricSubjectKeys(IOptions<KcmrBiometricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? secret = options.Value.SubjectKeySecret;
        _key = secret is null ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(secret);
    }

    public string For(Iin iin, IdentificationOperation operation) => Compute(iin.Value + "|" + ((int)operation).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string For(Iin iin) => Compute(iin.Value);

    private string Compute(string text)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text), mac);
        return Convert.ToHexStringLower(mac);
    }
}

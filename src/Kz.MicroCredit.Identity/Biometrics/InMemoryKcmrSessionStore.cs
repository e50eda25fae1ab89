using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>An in-process <see cref="IKcmrSessionStore"/>.</summary>
public sealed class InMemoryKcmrSessionStore : IKcmrSessionStore
{
    private readonly ConcurrentDictionary<string, KcmrSessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _events = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryKcmrSessionStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge old entries.</param>
    public InMemoryKcmrSessionStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <inheritdoc />
    public Task AddAsync(KcmrSessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        DateTimeOffset now = _time.GetUtcNow();
        foreach (KeyValuePair<string, KcmrSessionRecord> pair in _sessions)
        {
            if (pair.Value.ExpiresAt.AddHours(1) < now)
            {
                _sessions.TryRemove(pair);
            }
        }

        foreach (KeyValuePair<string, DateTimeOffset> pair in _events)
        {
            if (pair.Value < now)
            {
                _events.TryRemove(pair);
            }
        }

        if (!_sessions.TryAdd(record.SessionId, record))
        {
            throw new InvalidOperationException("A session with this id already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<KcmrSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.TryGetValue(sessionId, out KcmrSessionRecord? r) ? r : null);

    /// <inheritdoc />
    public Task<KcmrSessionUpdateStatus> UpdateAsync(string sessionId, CeidSessionState state, CeidMatchResult? result, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out KcmrSessionRecord? current))
            {
                return Task.FromResult(KcmrSessionUpdateStatus.Unknown);
            }

            if (KcmrBiometricsSessions.IsFinal(current.State))
            {
                return Task.FromResult(KcmrSessionUpdateStatus.AlreadyFinal);
            }

            _sessions[sessionId] = current with { State = state, Result = state == CeidSessionState.Completed ? result : null };
            return Task.FromResult(KcmrSessionUpdateStatus.Applied);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out KcmrSessionRecord? current) || current.Consumed)
            {
                return Task.FromResult(false);
            }

            _sessions[sessionId] = current with { Consumed = true };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryRecordEventAsync(string eventId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default) =>
        Task.FromResult(_events.TryAdd(eventId, keepUntil));
}

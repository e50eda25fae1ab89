using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>An in-process <see cref="IKcmrSessionStore"/>; old entries are reclaimed a few at a time (O(1) per add).</summary>
internal sealed class InMemoryKcmrSessionStore : IKcmrSessionStore
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

using System.Collections.Concurrent;

namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// An <see cref="IEGovMobileSessionStore"/> in process memory: for one instance, tests and samples. A web farm needs a
/// shared store (e.g. Redis) instead, since the phone's calls may land on another instance than the page's.
/// </summary>
internal sealed class InMemoryEGovMobileSessionStore : IEGovMobileSessionStore
{
    /// <summary>How long a session stays readable after its expiry (the page may read the outcome late).</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, EGovMobileSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance of the <see cref="InMemoryEGovMobileSessionStore"/> class.</summary>
    /// <param name="timeProvider">The clock, for dropping expired sessions.</param>
    public InMemoryEGovMobileSessionStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <inheritdoc />
    public Task AddAsync(EGovMobileSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        Purge();
        if (!_sessions.TryAdd(session.Id, session))
        {
            throw new InvalidOperationException("A session with this id exists already.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<EGovMobileSession?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(id is not null && _sessions.TryGetValue(id, out EGovMobileSession? session) && session.ExpiresAt + Retention >= _time.GetUtcNow() ? session : null);

    /// <inheritdoc />
    public Task<bool> TryClaimAsync(string id, byte[] tokenDigest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenDigest);
        lock (_lock)
        {
            if (id is null || !_sessions.TryGetValue(id, out EGovMobileSession? session) || session.TokenDigest is not null || session.State != EGovMobileSessionState.Pending)
            {
                return Task.FromResult(false);
            }

            _sessions[id] = session with { TokenDigest = (byte[])tokenDigest.Clone() };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryCompleteAsync(string id, EGovMobileSessionState state, IReadOnlyList<string> reasons, byte[]? signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        lock (_lock)
        {
            if (id is null || !_sessions.TryGetValue(id, out EGovMobileSession? session) || session.State != EGovMobileSessionState.Pending)
            {
                return Task.FromResult(false);
            }

            _sessions[id] = session with { State = state, Reasons = [.. reasons], Signature = signature is null ? null : (byte[])signature.Clone() };
            return Task.FromResult(true);
        }
    }

    // Closed sessions stay readable until expiry so the page can still learn the outcome; after it they go.
    private void Purge()
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (KeyValuePair<string, EGovMobileSession> entry in _sessions)
        {
            if (entry.Value.ExpiresAt + Retention < now)
            {
                _sessions.TryRemove(entry);
            }
        }
    }
}

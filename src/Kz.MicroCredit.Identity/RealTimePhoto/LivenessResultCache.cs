namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>What a webhook did to the cached result of a session.</summary>
public enum LivenessWebhookOutcome
{
    /// <summary>Verified and applied (the newest event of its session).</summary>
    Accepted = 0,

    /// <summary>Verified, but this event id was processed before (a repeat); nothing changed.</summary>
    Duplicate = 1,

    /// <summary>Verified, but older than the event already applied (out of order), or after a final result; nothing changed.</summary>
    Stale = 2,

    /// <summary>The signature is missing or wrong.</summary>
    InvalidSignature = 3,

    /// <summary>The signed timestamp is outside the window (a late or replayed delivery).</summary>
    TimestampOutOfWindow = 4,

    /// <summary>The body is not a valid event.</summary>
    Malformed = 5,

    /// <summary>Verified, but a second final result contradicts the first; the session is now Indeterminate.</summary>
    Conflict = 6,

    /// <summary>Verified, but the result store could not be reached; nothing changed and the provider should deliver it again.</summary>
    StoreUnavailable = 7,
}

/// <summary>
/// The in-process <see cref="ILivenessResultStore"/>: the newest verified webhook result per provider session; final
/// results are sticky. Entries live a day after their last event and are reclaimed a few at a time (O(1) per event).
/// </summary>
internal sealed class LivenessResultCache : ILivenessResultStore
{
    internal static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly ExpiringTable<Entry> _entries;
    private readonly TimeProvider _time;

    public LivenessResultCache(TimeProvider time)
    {
        _time = time;
        _entries = new ExpiringTable<Entry>(time);
    }

    public LivenessWebhookOutcome Apply(string eventId, LivenessResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentNullException.ThrowIfNull(result);
        DateTimeOffset keepUntil = _time.GetUtcNow() + Retention;
        Entry entry = _entries.GetOrAdd(result.ProviderSessionId, static () => new Entry(), keepUntil);
        lock (entry)
        {
            _entries.Extend(result.ProviderSessionId, keepUntil);
            if (!entry.EventIds.Add(eventId))
            {
                return LivenessWebhookOutcome.Duplicate;
            }

            if (entry.Result is { } current)
            {
                bool currentFinal = IsFinal(current.Decision);
                if (currentFinal && IsFinal(result.Decision) && current.Decision != result.Decision)
                {
                    entry.Conflicted = true;
                    return LivenessWebhookOutcome.Conflict;
                }

                if (currentFinal || result.Sequence <= current.Sequence)
                {
                    return LivenessWebhookOutcome.Stale;
                }
            }

            entry.Result = result;
            return LivenessWebhookOutcome.Accepted;
        }
    }

    /// <summary>Gets the cached result; <paramref name="conflicted"/> says two final results disagreed.</summary>
    public LivenessResult? Get(string providerSessionId, out bool conflicted)
    {
        conflicted = false;
        if (!_entries.TryGet(providerSessionId, out Entry? entry))
        {
            return null;
        }

        lock (entry)
        {
            conflicted = entry.Conflicted;
            return entry.Result;
        }
    }

    /// <inheritdoc />
    public Task<LivenessWebhookOutcome> ApplyAsync(string eventId, LivenessResult result, CancellationToken cancellationToken = default) =>
        Task.FromResult(Apply(eventId, result));

    /// <inheritdoc />
    public Task<LivenessResultLookup> GetAsync(string providerSessionId, CancellationToken cancellationToken = default)
    {
        LivenessResult? result = Get(providerSessionId, out bool conflicted);
        return Task.FromResult(new LivenessResultLookup(result, conflicted));
    }

    internal static bool IsFinal(LivenessDecision d) => d is LivenessDecision.Approved or LivenessDecision.RejectedFinal;

    private sealed class Entry
    {
        public readonly HashSet<string> EventIds = new(StringComparer.Ordinal);
        public LivenessResult? Result;
        public bool Conflicted;
    }
}

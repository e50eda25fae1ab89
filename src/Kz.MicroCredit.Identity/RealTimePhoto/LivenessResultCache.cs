namespace Kz.MicroCredit.Identity.RealTimePhoto;

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

using System.Collections.Concurrent;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>The newest verified webhook result per provider session; final results are sticky.</summary>
internal sealed class LivenessResultCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public LivenessResultCache(TimeProvider time) => _time = time;

    public LivenessWebhookOutcome Apply(string eventId, LivenessResult result)
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (KeyValuePair<string, Entry> pair in _entries)
        {
            if (pair.Value.TouchedAt.AddDays(1) < now)
            {
                _entries.TryRemove(pair);
            }
        }

        Entry entry = _entries.GetOrAdd(result.ProviderSessionId, _ => new Entry());
        lock (entry)
        {
            entry.TouchedAt = now;
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
        if (!_entries.TryGetValue(providerSessionId, out Entry? entry))
        {
            return null;
        }

        lock (entry)
        {
            conflicted = entry.Conflicted;
            return entry.Result;
        }
    }

    internal static bool IsFinal(LivenessDecision d) => d is LivenessDecision.Approved or LivenessDecision.RejectedFinal;

    private sealed class Entry
    {
        public readonly HashSet<string> EventIds = new(StringComparer.Ordinal);
        public LivenessResult? Result;
        public bool Conflicted;
        public DateTimeOffset TouchedAt;
    }
}

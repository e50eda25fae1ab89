using System.Collections.Concurrent;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The one expiring-record table behind every in-memory store: a concurrent map whose entries carry an expiry, and a
/// FIFO of expiry notes swept lazily — each operation looks at no more than <see cref="SweepPerOperation"/> notes at the
/// head of the queue, so adding is O(1) amortised however many entries are live.
/// </summary>
/// <remarks>
/// An expired entry is invisible to readers at once; its memory is reclaimed when its note reaches the head of the
/// queue. Notes are queued in insertion order, so with mixed lifetimes a long-lived head delays the reclaiming (not the
/// expiry) of shorter-lived entries behind it; memory stays bounded by what was added within the longest lifetime.
/// Every operation sweeps at most <see cref="SweepPerOperation"/> notes and adds at most one, so the queue drains at
/// least as fast as it fills once its head is expired.
/// </remarks>
/// <typeparam name="TValue">The record (a mutable holder when the store counts or marks in place).</typeparam>
internal sealed class ExpiringTable<TValue>
    where TValue : class
{
    internal const int SweepPerOperation = 4;

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Note> _notes = new();
    private readonly Lock _sweepGate = new();
    private readonly TimeProvider _time;

    public ExpiringTable(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Gets the number of entries held (live or expired but not yet reclaimed).</summary>
    public int Count => _slots.Count;

    /// <summary>Gets the number of queued expiry notes (for tests of the bound).</summary>
    internal int PendingNotes => _notes.Count;

    /// <summary>Adds an entry unless a live one has the key; an expired one is replaced.</summary>
    public bool TryAdd(string key, TValue value, DateTimeOffset expiresAt)
    {
        DateTimeOffset now = Sweep();
        var slot = new Slot(value, expiresAt);
        while (true)
        {
            if (_slots.TryAdd(key, slot))
            {
                _notes.Enqueue(new Note(key, slot, expiresAt));
                return true;
            }

            if (!_slots.TryGetValue(key, out Slot? existing))
            {
                continue;
            }

            if (existing.ExpiresAt > now || !_slots.TryUpdate(key, slot, existing))
            {
                if (existing.ExpiresAt > now)
                {
                    return false;
                }

                continue;
            }

            _notes.Enqueue(new Note(key, slot, expiresAt));
            return true;
        }
    }

    /// <summary>Gets the live entry for the key, or adds the created one.</summary>
    public TValue GetOrAdd(string key, Func<TValue> create, DateTimeOffset expiresAt)
    {
        while (true)
        {
            if (TryGet(key, out TValue? value))
            {
                return value;
            }

            TValue created = create();
            if (TryAdd(key, created, expiresAt))
            {
                return created;
            }
        }
    }

    /// <summary>Gets a live entry.</summary>
    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TValue? value)
    {
        if (_slots.TryGetValue(key, out Slot? slot) && slot.ExpiresAt > _time.GetUtcNow())
        {
            value = slot.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Moves the expiry of a live entry (e.g. a sliding window touched again).</summary>
    public bool Extend(string key, DateTimeOffset expiresAt)
    {
        Sweep();
        if (!_slots.TryGetValue(key, out Slot? slot))
        {
            return false;
        }

        lock (slot)
        {
            if (expiresAt <= slot.ExpiresAt)
            {
                return true;
            }

            slot.ExpiresAt = expiresAt;
        }

        _notes.Enqueue(new Note(key, slot, expiresAt));
        return true;
    }

    /// <summary>Removes an entry.</summary>
    public bool TryRemove(string key) => _slots.TryRemove(key, out _);

    /// <summary>Reclaims at most <see cref="SweepPerOperation"/> notes from the head of the queue; returns now.</summary>
    private DateTimeOffset Sweep()
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (!_sweepGate.TryEnter())
        {
            // Another caller is sweeping; one sweeper at a time keeps peek-then-dequeue consistent.
            return now;
        }

        try
        {
            for (int i = 0; i < SweepPerOperation && _notes.TryPeek(out Note note); i++)
            {
                bool current = _slots.TryGetValue(note.Key, out Slot? slot) && ReferenceEquals(slot, note.Slot);
                bool superseded = !current || note.ExpiresAt < note.Slot.ExpiresAt;
                if (!superseded && note.ExpiresAt > now)
                {
                    // The head is live: nothing behind it is due in insertion order; stop here.
                    break;
                }

                _notes.TryDequeue(out _);
                if (current && note.Slot.ExpiresAt <= now)
                {
                    _slots.TryRemove(new KeyValuePair<string, Slot>(note.Key, note.Slot));
                }
            }
        }
        finally
        {
            _sweepGate.Exit();
        }

        return now;
    }

    private sealed class Slot(TValue value, DateTimeOffset expiresAt)
    {
        public readonly TValue Value = value;

        // Ticks in a long, read and written whole: a DateTimeOffset field could be read torn while Extend moves it.
        private long _expiresAtTicks = expiresAt.UtcTicks;

        public DateTimeOffset ExpiresAt
        {
            get => new(Volatile.Read(ref _expiresAtTicks), TimeSpan.Zero);
            set => Volatile.Write(ref _expiresAtTicks, value.UtcTicks);
        }
    }

    private readonly record struct Note(string Key, Slot Slot, DateTimeOffset ExpiresAt);
}

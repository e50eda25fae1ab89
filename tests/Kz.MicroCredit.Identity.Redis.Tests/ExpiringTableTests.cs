using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>The one expiring-record table behind the in-memory stores: expiry is exact, reclaiming is bounded per operation.</summary>
public sealed class ExpiringTableTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_expired_entry_is_invisible_at_once_and_its_key_can_be_reused()
    {
        var table = new ExpiringTable<string>(_time);
        Assert.True(table.TryAdd("k", "v1", _time.GetUtcNow().AddMinutes(1)));
        Assert.False(table.TryAdd("k", "v2", _time.GetUtcNow().AddMinutes(1)));
        Assert.True(table.TryGet("k", out string? value));
        Assert.Equal("v1", value);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(table.TryGet("k", out _));
        Assert.True(table.TryAdd("k", "v2", _time.GetUtcNow().AddMinutes(1)));
        Assert.True(table.TryGet("k", out value));
        Assert.Equal("v2", value);
    }

    [Fact]
    public void Extending_keeps_an_entry_alive_past_its_first_expiry()
    {
        var table = new ExpiringTable<string>(_time);
        table.TryAdd("k", "v", _time.GetUtcNow().AddMinutes(1));
        Assert.True(table.Extend("k", _time.GetUtcNow().AddMinutes(5)));
        _time.Advance(TimeSpan.FromMinutes(2));
        for (int i = 0; i < 10; i++)
        {
            table.TryAdd("other" + i, "x", _time.GetUtcNow().AddMinutes(10));
        }

        Assert.True(table.TryGet("k", out _));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(table.TryGet("k", out _));
    }

    [Fact]
    public void Expired_entries_are_reclaimed_as_new_ones_arrive_a_bounded_number_per_add()
    {
        var table = new ExpiringTable<string>(_time);
        for (int i = 0; i < 1_000; i++)
        {
            table.TryAdd("old" + i, "x", _time.GetUtcNow().AddMinutes(1));
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        table.TryAdd("new0", "x", _time.GetUtcNow().AddMinutes(1));

        // One add reclaims at most SweepPerOperation entries: no add ever walks the whole table.
        Assert.Equal(1_000 + 1 - ExpiringTable<string>.SweepPerOperation, table.Count);

        for (int i = 1; i < 1_000; i++)
        {
            table.TryAdd("new" + i, "x", _time.GetUtcNow().AddMinutes(1));
        }

        // A steady flow drains the expired backlog: only the live entries remain, and the note queue is bounded by them.
        Assert.Equal(1_000, table.Count);
        Assert.True(table.PendingNotes <= 1_000 + ExpiringTable<string>.SweepPerOperation);
    }

    [Fact]
    public async Task Concurrent_adds_of_one_key_let_exactly_one_win()
    {
        var table = new ExpiringTable<string>(_time);
        bool[] added = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => table.TryAdd("k", "v" + i, _time.GetUtcNow().AddMinutes(1)))));
        Assert.Equal(1, added.Count(a => a));
    }
}

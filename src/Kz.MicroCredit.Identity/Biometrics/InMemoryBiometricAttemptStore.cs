using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>An in-process <see cref="IBiometricAttemptStore"/>; use a shared store when several instances serve borrowers.</summary>
public sealed class InMemoryBiometricAttemptStore : IBiometricAttemptStore
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryBiometricAttemptStore"/> class.</summary>
    /// <param name="timeProvider">The clock.</param>
    public InMemoryBiometricAttemptStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <inheritdoc />
    public Task<int> GetFailedAttemptsAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        if (!_failures.TryGetValue(subjectKey, out List<DateTimeOffset>? list))
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
        List<DateTimeOffset> list = _failures.GetOrAdd(subjectKey, _ => []);
        lock (list)
        {
            Prune(list);
            list.Add(_time.GetUtcNow() + window);
            return Task.FromResult(list.Count);
        }
    }

    /// <inheritdoc />
    public Task ResetAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        _failures.TryRemove(subjectKey, out _);
        return Task.CompletedTask;
    }

    private void Prune(List<DateTimeOffset> expiries)
    {
        DateTimeOffset now = _time.GetUtcNow();
        expiries.RemoveAll(e => e <= now);
    }
}

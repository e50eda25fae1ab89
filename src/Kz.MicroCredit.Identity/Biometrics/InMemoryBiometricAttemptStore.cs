using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

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

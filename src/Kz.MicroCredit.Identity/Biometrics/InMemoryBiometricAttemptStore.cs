using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>An in-process <see cref="IBiometricAttemptStore"/>; use a shared store when several instances serve borrowers.</summary>
internal sealed class InMemoryBiometricAttemptStore : IBiometricAttemptStore
{
    private readonly ExpiringTable<List<(DateTimeOffset Expiry, string? Id)>> _failures;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryBiometricAttemptStore"/> class.</summary>
    /// <param name="timeProvider">The clock.</param>
    public InMemoryBiometricAttemptStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _failures = new ExpiringTable<List<(DateTimeOffset Expiry, string? Id)>>(timeProvider);
    }

    /// <inheritdoc />
    public Task<int> GetFailedAttemptsAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        if (!_failures.TryGet(subjectKey, out List<(DateTimeOffset Expiry, string? Id)>? list))
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
        List<(DateTimeOffset Expiry, string? Id)> list = _failures.GetOrAdd(subjectKey, static () => [], expiresAt);
        lock (list)
        {
            Prune(list);
            list.Add((expiresAt, null));

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

    /// <inheritdoc />
    public Task<int?> TryReserveAttemptAsync(string subjectKey, string reservationId, int cap, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        ArgumentException.ThrowIfNullOrEmpty(reservationId);
        DateTimeOffset expiresAt = _time.GetUtcNow() + window;
        List<(DateTimeOffset Expiry, string? Id)> list = _failures.GetOrAdd(subjectKey, static () => [], expiresAt);
        lock (list)
        {
            Prune(list);
            if (list.Count >= cap)
            {
                return Task.FromResult<int?>(null);
            }

            list.Add((expiresAt, reservationId));
            _failures.Extend(subjectKey, expiresAt);
            return Task.FromResult<int?>(list.Count);
        }
    }

    /// <inheritdoc />
    public Task<int> ConfirmFailureAsync(string subjectKey, string reservationId, TimeSpan window, CancellationToken cancellationToken = default) =>
        GetFailedAttemptsAsync(subjectKey, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAttemptAsync(string subjectKey, string reservationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        if (_failures.TryGet(subjectKey, out List<(DateTimeOffset Expiry, string? Id)>? list))
        {
            lock (list)
            {
                list.RemoveAll(e => string.Equals(e.Id, reservationId, StringComparison.Ordinal));
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> ConfirmSuccessAsync(string subjectKey, string reservationId, int cap, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        if (!_failures.TryGet(subjectKey, out List<(DateTimeOffset Expiry, string? Id)>? list))
        {
            return Task.FromResult(true);
        }

        lock (list)
        {
            Prune(list);
            list.RemoveAll(e => string.Equals(e.Id, reservationId, StringComparison.Ordinal));
            if (list.Count >= cap)
            {
                return Task.FromResult(false);
            }

            list.Clear();
        }

        _failures.TryRemove(subjectKey);
        return Task.FromResult(true);
    }

    private void Prune(List<(DateTimeOffset Expiry, string? Id)> expiries)
    {
        DateTimeOffset now = _time.GetUtcNow();
        expiries.RemoveAll(e => e.Expiry <= now);
    }
}

using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>Records the calls of all fake ports of one <see cref="InMemoryFraudClaimPorts"/>, in order; can fail operations on demand.</summary>
public sealed class FraudClaimPortRecorder
{
    private readonly List<FraudClaimPortCall> _calls = [];
    private readonly Lock _lock = new();

    /// <summary>Gets or sets a hook that may return an exception to throw instead of completing an operation (by operation name).</summary>
    public Func<string, Exception?>? FailOn { get; set; }

    /// <summary>Gets a snapshot of the calls so far.</summary>
    public IReadOnlyList<FraudClaimPortCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>Counts the calls of an operation.</summary>
    /// <param name="operation">The operation name.</param>
    /// <returns>The count.</returns>
    public int Count(string operation) => Calls.Count(c => string.Equals(c.Operation, operation, StringComparison.Ordinal));

    /// <summary>Forgets the calls so far.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _calls.Clear();
        }
    }

    internal Task RecordAsync(FraudClaimPortCall call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (FailOn?.Invoke(call.Operation) is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            _calls.Add(call);
        }

        return Task.CompletedTask;
    }
}

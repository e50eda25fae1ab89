using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Testing;

/// <summary>
/// A fake identification method whose verdicts are scripted: for policy tests, for an MFO's own tests of their flow,
/// and for methods the lender has not contracted yet. Records how often it was called.
/// </summary>
public sealed class ScriptedIdentificationMethod : IdentificationMethod
{
    private readonly Func<BorrowerIdentificationRequest, CancellationToken, Task<MethodVerdict>> _script;
    private int _calls;

    /// <summary>Initializes a new instance of the <see cref="ScriptedIdentificationMethod"/> class with a fixed verdict.</summary>
    /// <param name="id">The method id it reports.</param>
    /// <param name="verdict">The verdict it always returns.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger.</param>
    public ScriptedIdentificationMethod(IdentificationMethodId id, MethodVerdict verdict, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(id, (_, _) => Task.FromResult(verdict), timeProvider, logger)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScriptedIdentificationMethod"/> class with a script.</summary>
    /// <param name="id">The method id it reports.</param>
    /// <param name="script">Computes the verdict; may throw or be slow to exercise fault handling.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public ScriptedIdentificationMethod(
        IdentificationMethodId id,
        Func<BorrowerIdentificationRequest, CancellationToken, Task<MethodVerdict>> script,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
        : base(timeProvider ?? TimeProvider.System, logger)
    {
        ArgumentNullException.ThrowIfNull(script);
        Id = id;
        _script = script;
    }

    /// <inheritdoc />
    public override IdentificationMethodId Id { get; }

    /// <summary>Gets how many times the method was evaluated.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    protected override Task<MethodVerdict> EvaluateCoreAsync(MethodEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _calls);
        context.Evidence.Set("scripted", "true");
        return _script(context.Request, cancellationToken);
    }
}

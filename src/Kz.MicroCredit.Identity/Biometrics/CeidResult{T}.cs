using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// The outcome of one CEID operation: a value, or failure reason codes. Protocol and transport faults come back here,
/// not as exceptions; only misuse (bad arguments) and the caller's cancellation throw.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class CeidResult<T>
    where T : class
{
    private CeidResult(T? value, IReadOnlyList<ReasonCode> failure, int? httpStatus, string? interactionId, string? responseSha256)
    {
        Value = value;
        Failure = failure;
        HttpStatus = httpStatus;
        InteractionId = interactionId;
        ResponseSha256 = responseSha256;
    }

    /// <summary>Gets the value when the call succeeded.</summary>
    public T? Value { get; }

    /// <summary>Gets a value indicating whether the call succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Value is not null;

    /// <summary>Gets the failure reasons (empty on success).</summary>
    public IReadOnlyList<ReasonCode> Failure { get; }

    /// <summary>Gets the last HTTP status, when an answer arrived.</summary>
    public int? HttpStatus { get; }

    /// <summary>Gets the <c>x-fapi-interaction-id</c> of the last HTTP request.</summary>
    public string? InteractionId { get; }

    /// <summary>Gets the lower-case hex SHA-256 of the answer body that produced the value.</summary>
    public string? ResponseSha256 { get; }

    internal static CeidResult<T> CreateSuccess(T value, int? httpStatus, string? interactionId, string? responseSha256)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, [], httpStatus, interactionId, responseSha256);
    }

    internal static CeidResult<T> CreateFailure(IReadOnlyList<ReasonCode> reasons, int? httpStatus, string? interactionId)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (reasons.Count == 0)
        {
            throw new ArgumentException("A failure needs a reason.", nameof(reasons));
        }

        return new(null, reasons, httpStatus, interactionId, null);
    }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Succeeded (HTTP {HttpStatus})" : $"Failed [{string.Join(", ", Failure)}] (HTTP {HttpStatus})";
}

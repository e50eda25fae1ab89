using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>Creates <see cref="CeidResult{T}"/> values (for custom clients and test doubles).</summary>
internal static class CeidResult
{
    /// <summary>Creates a success.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="httpStatus">The HTTP status.</param>
    /// <param name="interactionId">The interaction id.</param>
    /// <param name="responseSha256">The answer digest.</param>
    /// <returns>The result.</returns>
    public static CeidResult<T> Success<T>(T value, int? httpStatus = null, string? interactionId = null, string? responseSha256 = null)
        where T : class => CeidResult<T>.CreateSuccess(value, httpStatus, interactionId, responseSha256);

    /// <summary>Creates a failure.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reasons">At least one reason.</param>
    /// <param name="httpStatus">The HTTP status, if an answer arrived.</param>
    /// <param name="interactionId">The interaction id.</param>
    /// <returns>The result.</returns>
    public static CeidResult<T> Failed<T>(IReadOnlyList<ReasonCode> reasons, int? httpStatus = null, string? interactionId = null)
        where T : class => CeidResult<T>.CreateFailure(reasons, httpStatus, interactionId);
}

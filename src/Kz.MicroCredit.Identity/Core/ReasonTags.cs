namespace Kz.MicroCredit.Identity;

/// <summary>
/// The reason-code dimension of the library's metrics: the first code when it is one the SDK defines, <c>other</c>
/// for any other, <c>none</c> without one — so the tag's values stay bounded. It lives with <see cref="ReasonCode"/>
/// (not with the instruments in Diagnostics/) so that the telemetry folder stays below the core.
/// </summary>
internal static class ReasonTags
{
    private static readonly Lazy<HashSet<string>> KnownReasons = new(() => typeof(ReasonCode).Assembly.GetTypes()
        .SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        .Where(p => p.PropertyType == typeof(ReasonCode) && p.GetMethod is not null)
        .Select(p => ((ReasonCode)p.GetValue(null)!).Value)
        .ToHashSet(StringComparer.Ordinal));

    /// <summary>Returns the tag value for a list of reasons.</summary>
    /// <param name="reasons">The reasons of an outcome or a decision.</param>
    /// <returns><c>none</c>, a code the SDK defines, or <c>other</c>.</returns>
    public static string Of(IReadOnlyList<ReasonCode> reasons) =>
        reasons.Count == 0 ? "none" : KnownReasons.Value.Contains(reasons[0].Value) ? reasons[0].Value : "other";
}

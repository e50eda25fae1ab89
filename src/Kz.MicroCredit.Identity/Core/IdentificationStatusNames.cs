namespace Kz.MicroCredit.Identity;

/// <summary>
/// The persisted and telemetry name of a status (<c>verified</c>, <c>rejected</c>, <c>indeterminate</c>,
/// <c>not-applicable</c>). It lives with the status in the core, so that the method base class and the report factory
/// above it share one spelling.
/// </summary>
internal static class IdentificationStatusNames
{
    /// <summary>Returns the name of a status; any value outside the enum is <c>indeterminate</c> (fail closed).</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string Of(IdentificationStatus status) => status switch
    {
        IdentificationStatus.Verified => "verified",
        IdentificationStatus.Rejected => "rejected",
        IdentificationStatus.NotApplicable => "not-applicable",
        _ => "indeterminate",
    };
}

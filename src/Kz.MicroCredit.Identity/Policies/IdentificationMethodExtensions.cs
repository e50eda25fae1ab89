using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// Lets one method identify a borrower on its own. A method only evaluates evidence (<see cref="IIdentificationMethod"/>);
/// a decision and its report come from a policy, so using a method alone means wrapping it in a one-requirement policy
/// named after it. This lives with the policies (not on the method base class) so that dependencies flow one way: the
/// core knows nothing of policies or reports.
/// </summary>
public static class IdentificationMethodExtensions
{
    /// <summary>Wraps a method in a policy that requires it alone (named after the method).</summary>
    /// <param name="method">The method.</param>
    /// <param name="reportFactory">Builds the evidence report; <see langword="null"/> for <see cref="EvidenceReportFactory.Default"/>.</param>
    /// <param name="logger">The policy's logger; <see langword="null"/> for none.</param>
    /// <returns>An identifier whose result is the method's outcome as a decision; a method that is not applicable gives
    /// Rejected with <see cref="ReasonCode.EvidenceMissing"/>.</returns>
    public static IBorrowerIdentifier AsBorrowerIdentifier(this IIdentificationMethod method, EvidenceReportFactory? reportFactory = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new PolicyBorrowerIdentifier(IdentificationPolicy.ForMethod(method.Id), [method], reportFactory ?? EvidenceReportFactory.Default, logger);
    }
}

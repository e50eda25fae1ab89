using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Checks evidence-report options at start-up.</summary>
internal sealed class EvidenceReportOptionsValidator : IValidateOptions<EvidenceReportOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidenceReportOptions options) =>
        options.SubjectTokenKey is { Length: < 32 }
            ? ValidateOptionsResult.Fail("EvidenceReportOptions.SubjectTokenKey must be at least 32 bytes.")
            : ValidateOptionsResult.Success;
}

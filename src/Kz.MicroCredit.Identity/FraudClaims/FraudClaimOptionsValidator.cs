using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Validates <see cref="FraudClaimOptions"/>.</summary>
internal sealed class FraudClaimOptionsValidator : IValidateOptions<FraudClaimOptions>
{
    public ValidateOptionsResult Validate(string? name, FraudClaimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const CreditBureaus known = CreditBureaus.FirstCreditBureau | CreditBureaus.StateCreditBureau;
        if (options.CreditBureaus == CreditBureaus.None || (options.CreditBureaus & ~known) != 0)
        {
            failures.Add("FraudClaimOptions.CreditBureaus must name at least one known bureau.");
        }

        foreach (FraudClaimState state in Enum.GetValues<FraudClaimState>())
        {
            if (options.DeadlineOf(state) is { } d && d <= TimeSpan.Zero)
            {
                failures.Add($"FraudClaimOptions.{state}Deadline must be positive or null.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Kz.MicroCredit.Identity.Cryptography;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Eds;

internal sealed class NcaEdsOptionsValidator : IValidateOptions<NcaEdsOptions>
{
    public ValidateOptionsResult Validate(string? name, NcaEdsOptions options)
    {
        var failures = new List<string>();
        if (options.TrustStore is null && !string.Equals(options.Trust, "production", StringComparison.OrdinalIgnoreCase) && !string.Equals(options.Trust, "test", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("NcaEdsOptions.Trust must be 'production' or 'test' (or set TrustStore).");
        }

        if (options.AllowedKeyAlgorithms is { Count: 0 })
        {
            failures.Add("NcaEdsOptions.AllowedKeyAlgorithms must not be empty.");
        }

        if (options.AcceptedPurposes == NcaCertificatePurpose.None)
        {
            failures.Add("NcaEdsOptions.AcceptedPurposes must accept AUTH, SIGN or both.");
        }

        if (options.SigningTimeWindow < TimeSpan.FromMinutes(1) || options.SigningTimeWindow > TimeSpan.FromDays(1))
        {
            failures.Add("NcaEdsOptions.SigningTimeWindow must be between 1 minute and 1 day.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add("NcaEdsOptions.ClockSkew must be between 0 and 10 minutes.");
        }

        if (options.MaxInputBytes < 1024 || options.MaxInputBytes > 16 * 1024 * 1024)
        {
            failures.Add("NcaEdsOptions.MaxInputBytes must be between 1 KiB and 16 MiB.");
        }

        if (!Enum.IsDefined(options.Revocation))
        {
            failures.Add("NcaEdsOptions.Revocation is not a known mode.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

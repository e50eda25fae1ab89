using System.Security.Cryptography;
using System.Text;
using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

internal sealed class ChallengeOptionsValidator : IValidateOptions<ChallengeOptions>
{
    public ValidateOptionsResult Validate(string? name, ChallengeOptions options) =>
        options.Lifetime < TimeSpan.FromSeconds(10) || options.Lifetime > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail("ChallengeOptions.Lifetime must be between 10 seconds and 1 hour.")
            : ValidateOptionsResult.Success;
}

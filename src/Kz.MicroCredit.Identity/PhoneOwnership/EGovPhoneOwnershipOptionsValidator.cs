using System.Net;
using System.Net.Http;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>Checks <see cref="EGovPhoneOwnershipOptions"/> at start-up (messages name options, never values).</summary>
internal sealed class EGovPhoneOwnershipOptionsValidator : IValidateOptions<EGovPhoneOwnershipOptions>
{
    public ValidateOptionsResult Validate(string? name, EGovPhoneOwnershipOptions options)
    {
        var failures = new List<string>();
        if (options.Endpoint is null || !options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("https" or "http"))
        {
            failures.Add("EGovPhoneOwnership:Endpoint must be an absolute http(s) URL.");
        }
        else if (options.Endpoint.Scheme == "http" && !options.Endpoint.IsLoopback)
        {
            failures.Add("EGovPhoneOwnership:Endpoint must use https (plain http only on loopback for sandboxes).");
        }

        if (string.IsNullOrWhiteSpace(options.SenderId))
        {
            failures.Add("EGovPhoneOwnership:SenderId is required.");
        }

        if (string.IsNullOrEmpty(options.SenderPassword)
            && (string.IsNullOrEmpty(options.SenderPasswordEnvironmentVariable) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.SenderPasswordEnvironmentVariable))))
        {
            failures.Add("EGovPhoneOwnership: set SenderPassword or SenderPasswordEnvironmentVariable (naming a non-empty variable).");
        }

        if (options.Signer is null)
        {
            if (string.IsNullOrWhiteSpace(options.SigningKeyPath))
            {
                failures.Add("EGovPhoneOwnership: set Signer or SigningKeyPath.");
            }
            else if (!File.Exists(options.SigningKeyPath))
            {
                failures.Add("EGovPhoneOwnership:SigningKeyPath does not name an existing file.");
            }
            else if (string.IsNullOrEmpty(options.SigningKeyPasswordEnvironmentVariable) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.SigningKeyPasswordEnvironmentVariable)))
            {
                failures.Add("EGovPhoneOwnership:SigningKeyPasswordEnvironmentVariable must name a non-empty environment variable.");
            }
        }

        if (options.GatewayCertificate is null && string.IsNullOrEmpty(options.GatewayCertificatePath))
        {
            if (!options.AllowUnsignedResponses)
            {
                failures.Add("EGovPhoneOwnership: set GatewayCertificate or GatewayCertificatePath, or explicitly AllowUnsignedResponses.");
            }
        }
        else if (options.GatewayCertificate is null && !File.Exists(options.GatewayCertificatePath))
        {
            failures.Add("EGovPhoneOwnership:GatewayCertificatePath does not name an existing file.");
        }

        if (options.Mode == PhoneOwnershipMode.Direct && string.IsNullOrWhiteSpace(options.DirectCheckServiceId))
        {
            failures.Add("EGovPhoneOwnership:DirectCheckServiceId is required in Direct mode.");
        }

        if (options.Mode == PhoneOwnershipMode.Consent)
        {
            if (string.IsNullOrWhiteSpace(options.ConsentServiceId) || string.IsNullOrWhiteSpace(options.ConsentConfirmationServiceId) || string.IsNullOrWhiteSpace(options.ConsentAccessName))
            {
                failures.Add("EGovPhoneOwnership: ConsentServiceId, ConsentConfirmationServiceId and ConsentAccessName are required in Consent mode.");
            }

            if (string.IsNullOrWhiteSpace(options.CompanyName))
            {
                failures.Add("EGovPhoneOwnership:CompanyName is required in Consent mode.");
            }

            if (!Bin.TryParse(options.CompanyBin, out _))
            {
                failures.Add("EGovPhoneOwnership:CompanyBin must be a valid BIN in Consent mode.");
            }

            if (options.ConsentLifetime <= TimeSpan.Zero || options.ConsentLifetime > TimeSpan.FromHours(1))
            {
                failures.Add("EGovPhoneOwnership:ConsentLifetime must be between 0 and 1 hour.");
            }

            if (options.ConsentMaxAttempts is < 1 or > 10)
            {
                failures.Add("EGovPhoneOwnership:ConsentMaxAttempts must be between 1 and 10.");
            }
        }

        if (options.SuccessStatusCodes.Count == 0)
        {
            failures.Add("EGovPhoneOwnership:SuccessStatusCodes must not be empty.");
        }

        RemoteCallOptionsValidator.Validate(options.Resilience, "EGovPhoneOwnership:Resilience", failures);

        if (options.MaxResponseBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add("EGovPhoneOwnership:MaxResponseBytes must be between 1 KiB and 64 MiB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Loads the lender's SmartBridge signing key (checking its password) and the gateway certificate at start-up: a
/// wrong password, an unreadable file or an expired certificate fails the start; one expiring within
/// <see cref="StartupCheckOptions.CertificateExpiryWarningDays"/> is logged as a warning.
/// </summary>
internal sealed class LenderCertificateValidator(IOptions<StartupCheckOptions> checks, TimeProvider time, ILogger<LenderCertificateValidator>? logger = null) : IValidateOptions<EGovPhoneOwnershipOptions>
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    // The options system validates once per options cache (IOptions<T> and IOptionsMonitor<T> each build their own
    // instance, and ValidateOnStart uses the monitor), so Validate runs more than once for the same settings. The
    // warnings are start-up notices: each (setting, certificate) is logged once per validator (a singleton).
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    public ValidateOptionsResult Validate(string? name, EGovPhoneOwnershipOptions options)
    {
        var failures = new List<string>();
        if (options.Signer is null && !string.IsNullOrEmpty(options.SigningKeyPath) && File.Exists(options.SigningKeyPath)
            && !string.IsNullOrEmpty(options.SigningKeyPasswordEnvironmentVariable) && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.SigningKeyPasswordEnvironmentVariable)))
        {
            try
            {
                INcaSigner signer = SmartBridgeSettings.ResolveSigner(options);
                Check(nameof(options.SigningKeyPath), signer.Certificate, failures);
            }
            catch (Exception ex) when (ex is NcaKeyFileException or CryptographicException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"EGovPhoneOwnership:SigningKeyPath could not be opened with the password in the variable named by SigningKeyPasswordEnvironmentVariable ({ex.GetType().Name}).");
            }
        }
        else if (options.Signer is not null)
        {
            Check("Signer", options.Signer.Certificate, failures);
        }

        if (options.GatewayCertificate is null && !string.IsNullOrEmpty(options.GatewayCertificatePath) && File.Exists(options.GatewayCertificatePath))
        {
            try
            {
                using X509Certificate2? gateway = SmartBridgeSettings.ResolveGateway(options);
                if (gateway is not null)
                {
                    Check(nameof(options.GatewayCertificatePath), gateway, failures);
                }
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"EGovPhoneOwnership:GatewayCertificatePath is not a readable DER or PEM certificate ({ex.GetType().Name}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Check(string key, X509Certificate2 certificate, List<string> failures)
    {
        DateTimeOffset now = time.GetUtcNow();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter <= now || notBefore > now)
        {
            string problem = notAfter <= now ? $"expired on {notAfter:yyyy-MM-dd}" : $"is not valid before {notBefore:yyyy-MM-dd}";
            if (checks.Value.FailOnExpiredCertificate)
            {
                failures.Add($"EGovPhoneOwnership:{key}: the certificate {problem}.");
            }
            else if (FirstWarning(key, certificate))
            {
                StartupLog.CertificateNotValidNow(_logger, "EGovPhoneOwnership:" + key, problem);
            }
        }
        else if (notAfter - now <= TimeSpan.FromDays(checks.Value.CertificateExpiryWarningDays) && FirstWarning(key, certificate))
        {
            StartupLog.CertificateExpiresSoon(_logger, "EGovPhoneOwnership:" + key, notAfter, (int)(notAfter - now).TotalDays);
        }
    }

    private bool FirstWarning(string key, X509Certificate2 certificate) => _warned.TryAdd(key + "|" + certificate.Thumbprint, true);
}

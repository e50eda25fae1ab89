using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>Validates <see cref="KcmrBiometricsOptions"/> (registered with <c>ValidateOnStart</c>).</summary>
internal sealed class KcmrBiometricsOptionsValidator : IValidateOptions<KcmrBiometricsOptions>
{
    public ValidateOptionsResult Validate(string? name, KcmrBiometricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckEndpoint(options.BaseAddress, nameof(options.BaseAddress), errors);
        CheckEndpoint(options.TokenEndpoint, nameof(options.TokenEndpoint), errors);
        CheckEndpoint(options.CallbackUrl, nameof(options.CallbackUrl), errors, required: false);
        CheckEndpoint(options.SessionReturnUrl, nameof(options.SessionReturnUrl), errors, required: false);
        Require(!string.IsNullOrWhiteSpace(options.ClientId), "ClientId is required.", errors);
        Require(!string.IsNullOrWhiteSpace(options.ClientSecret), "ClientSecret is required.", errors);
        Require(!string.IsNullOrWhiteSpace(options.ProviderId), "ProviderId is required.", errors);
        Require(options.ClientCertificate is null || options.ClientCertificate.HasPrivateKey, "ClientCertificate needs a private key.", errors);
        RemoteCallOptionsValidator.Validate(options.Resilience, nameof(options.Resilience), errors);
        Require(options.TokenExpirySkew >= TimeSpan.Zero, "TokenExpirySkew must not be negative.", errors);
        Require(options.SimilarityThreshold is > 0 and <= 1, "SimilarityThreshold must be in (0, 1].", errors);
        Require(options.MaxFailedAttempts is >= 1 and <= 3, "MaxFailedAttempts must be 1..3 (the regulation caps it at 3).", errors);
        Require(Positive(options.AttemptWindow), "AttemptWindow must be positive.", errors);
        Require(options.SubjectKeySecret is null || options.SubjectKeySecret.Length >= 16, "SubjectKeySecret must have at least 16 characters.", errors);
        Require(options.MaxImageBytes is > 0 and <= 50 * 1024 * 1024, "MaxImageBytes must be 1 B..50 MiB.", errors);
        Require(options.MinImageWidth >= 1 && options.MinImageHeight >= 1, "MinImageWidth and MinImageHeight must be positive.", errors);
        Require(options.MaxImageWidth >= options.MinImageWidth && options.MaxImageHeight >= options.MinImageHeight, "Maximum image dimensions must be at least the minimum.", errors);
        Require(options.MaxResponseBytes >= 1024, "MaxResponseBytes must be at least 1 KiB.", errors);
        Require(options.CallbackSecret is null || options.CallbackSecret.Length >= 32, "CallbackSecret must have at least 32 characters.", errors);
        Require(Positive(options.CallbackTolerance), "CallbackTolerance must be positive.", errors);
        Require(Positive(options.MaxSessionLifetime), "MaxSessionLifetime must be positive.", errors);
        Require(Positive(options.PollInterval), "PollInterval must be positive.", errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsAcceptableEndpoint(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static bool Positive(TimeSpan value) => value > TimeSpan.Zero;

    private static void Require(bool condition, string message, List<string> errors)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }

    private static void CheckEndpoint(Uri? uri, string name, List<string> errors, bool required = true)
    {
        if (uri is null)
        {
            Require(!required, name + " is required.", errors);
            return;
        }

        Require(IsAcceptableEndpoint(uri), name + " must be an absolute HTTPS URI (HTTP only on a loopback host).", errors);
    }
}

using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

internal sealed class RealTimePhotoOptionsValidator : IValidateOptions<RealTimePhotoOptions>
{
    public ValidateOptionsResult Validate(string? name, RealTimePhotoOptions o)
    {
        var f = new List<string>();
        if (o.SecretKey is { Length: < 32 })
        {
            f.Add("RealTimePhotoOptions.SecretKey must be at least 32 bytes.");
        }

        if (o.OtpLength is < 4 or > 10)
        {
            f.Add("RealTimePhotoOptions.OtpLength must be between 4 and 10.");
        }

        if (o.OtpLifetime < TimeSpan.FromSeconds(30) || o.OtpLifetime > TimeSpan.FromMinutes(15))
        {
            f.Add("RealTimePhotoOptions.OtpLifetime must be between 30 seconds and 15 minutes.");
        }

        if (o.OtpMaxAttempts is < 1 or > 5)
        {
            f.Add("RealTimePhotoOptions.OtpMaxAttempts must be between 1 and 5.");
        }

        if (o.OtpSendLimitPerPhone < 1 || o.OtpSendLimitPerIin < 1 || o.OtpRateWindow <= TimeSpan.Zero)
        {
            f.Add("RealTimePhotoOptions send limits must be at least 1 and the rate window positive.");
        }

        foreach (string placeholder in new[] { "{code}", "{operation}", "{amount}" })
        {
            if (o.MessageTemplate is null || !o.MessageTemplate.Contains(placeholder, StringComparison.Ordinal))
            {
                f.Add($"RealTimePhotoOptions.MessageTemplate must contain {placeholder}.");
            }
        }

        foreach (string placeholder in new[] { "{code}", "{operation}" })
        {
            if (o.MessageTemplateWithoutAmount is null || !o.MessageTemplateWithoutAmount.Contains(placeholder, StringComparison.Ordinal))
            {
                f.Add($"RealTimePhotoOptions.MessageTemplateWithoutAmount must contain {placeholder}.");
            }
        }

        foreach (IdentificationOperation op in Enum.GetValues<IdentificationOperation>())
        {
            if (!o.OperationTexts.TryGetValue(op, out string? text) || string.IsNullOrWhiteSpace(text))
            {
                f.Add($"RealTimePhotoOptions.OperationTexts has no text for {op}.");
            }
        }

        if (o.SessionLifetime < TimeSpan.FromMinutes(1) || o.SessionLifetime > TimeSpan.FromHours(1))
        {
            f.Add("RealTimePhotoOptions.SessionLifetime must be between 1 minute and 1 hour.");
        }

        if (o.CaptureFreshness <= TimeSpan.Zero || o.CaptureFreshness > o.SessionLifetime)
        {
            f.Add("RealTimePhotoOptions.CaptureFreshness must be positive and not longer than SessionLifetime.");
        }

        if (o.ClockSkew < TimeSpan.Zero || o.ClockSkew > TimeSpan.FromMinutes(5))
        {
            f.Add("RealTimePhotoOptions.ClockSkew must be between 0 and 5 minutes.");
        }

        if (o.CommandCount is < 3 or > 8)
        {
            f.Add("RealTimePhotoOptions.CommandCount must be between 3 and 8 (the regulation asks for at least three random commands).");
        }

        if (o.CommandSet.Count < o.CommandCount || o.CommandSet.Any(c => !Enum.IsDefined(c)))
        {
            f.Add("RealTimePhotoOptions.CommandSet must hold at least CommandCount known commands.");
        }

        if (o.MaxLivenessAttempts is < 1 or > 3)
        {
            f.Add("RealTimePhotoOptions.MaxLivenessAttempts must be between 1 and 3 (three failed attempts are a negative result).");
        }

        if (double.IsNaN(o.MinLivenessScore) || o.MinLivenessScore is < 0 or > 1)
        {
            f.Add("RealTimePhotoOptions.MinLivenessScore must be between 0 and 1.");
        }

        if (double.IsNaN(o.FaceMatchThreshold) || o.FaceMatchThreshold is <= 0 or > 1)
        {
            f.Add("RealTimePhotoOptions.FaceMatchThreshold must be in (0, 1].");
        }

        if (!Enum.IsDefined(o.ReferenceSource))
        {
            f.Add("RealTimePhotoOptions.ReferenceSource is unknown.");
        }

        RealTimePhotoProviderOptions p = o.Provider;
        if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > 64)
        {
            f.Add("RealTimePhotoOptions.Provider.Name is required (at most 64 characters).");
        }

        if (p.BaseAddress is { } address && (!address.IsAbsoluteUri || !(address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback))))
        {
            f.Add("RealTimePhotoOptions.Provider.BaseAddress must be an absolute https address (http only on loopback).");
        }

        if (p.WebhookSecret is { Length: < 32 })
        {
            f.Add("RealTimePhotoOptions.Provider.WebhookSecret must be at least 32 bytes.");
        }

        if (p.WebhookTolerance <= TimeSpan.Zero || p.WebhookTolerance > TimeSpan.FromMinutes(30))
        {
            f.Add("RealTimePhotoOptions.Provider.WebhookTolerance must be between 0 and 30 minutes.");
        }

        RemoteCallOptionsValidator.Validate(p.Resilience, "RealTimePhotoOptions.Provider.Resilience", f);

        if (p.MaxResponseBytes < 1024)
        {
            f.Add("RealTimePhotoOptions.Provider.MaxResponseBytes must be at least 1024.");
        }

        return f.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(f);
    }
}

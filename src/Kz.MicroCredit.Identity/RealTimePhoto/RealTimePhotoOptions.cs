using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Options of the real-time two-factor photo method (<c>realtime-photo</c>). Validated at start-up.</summary>
public sealed class RealTimePhotoOptions
{
    /// <summary>Gets or sets the secret key (at least 32 bytes) for the keyed hashes of codes, store keys and session nonces.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: a random key per process, which is right for one instance only. Several
    /// instances sharing an <see cref="IOtpStore"/> need the same key (bind it from a secret store as base64).
    /// </value>
    public byte[]? SecretKey { get; set; }

    /// <summary>Gets or sets how many digits a one-time code has.</summary>
    /// <value>The default value is 6; allowed 4 to 10.</value>
    public int OtpLength { get; set; } = 6;

    /// <summary>Gets or sets how long a one-time code is valid.</summary>
    /// <value>The default value is 5 minutes; allowed 30 seconds to 15 minutes.</value>
    public TimeSpan OtpLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many times one code may be tried; the last failure uses the code up.</summary>
    /// <value>The default value is 3; allowed 1 to 5.</value>
    public int OtpMaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets how many codes one phone number may receive in <see cref="OtpRateWindow"/>.</summary>
    /// <value>The default value is 3.</value>
    public int OtpSendLimitPerPhone { get; set; } = 3;

    /// <summary>Gets or sets how many codes one IIN may receive (to any number) in <see cref="OtpRateWindow"/>.</summary>
    /// <value>The default value is 5.</value>
    public int OtpSendLimitPerIin { get; set; } = 5;

    /// <summary>Gets or sets the sliding window of the send limits.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan OtpRateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets the SMS text when the operation has an amount. Placeholders: <c>{code}</c>, <c>{operation}</c>,
    /// <c>{amount}</c>, <c>{minutes}</c>; the first three are required so the code is bound to what it approves.
    /// </summary>
    /// <value>The default value is <c>Код {code} для {operation} на {amount} ₸. Никому не сообщайте код. Действует {minutes} мин.</c></value>
    public string MessageTemplate { get; set; } = "Код {code} для {operation} на {amount} ₸. Никому не сообщайте код. Действует {minutes} мин.";

    /// <summary>Gets or sets the SMS text when the operation has no amount (registration, phone change). <c>{code}</c> and <c>{operation}</c> are required.</summary>
    /// <value>The default value is <c>Код {code} для {operation}. Никому не сообщайте код. Действует {minutes} мин.</c></value>
    public string MessageTemplateWithoutAmount { get; set; } = "Код {code} для {operation}. Никому не сообщайте код. Действует {minutes} мин.";

    /// <summary>Gets the operation phrases used for <c>{operation}</c> (genitive, as in "код для …").</summary>
    /// <value>The default values are Russian phrases, e.g. <c>подписания договора займа</c> for <see cref="IdentificationOperation.AgreementSigning"/>.</value>
    public IDictionary<IdentificationOperation, string> OperationTexts { get; } = new Dictionary<IdentificationOperation, string>
    {
        [IdentificationOperation.Registration] = "регистрации",
        [IdentificationOperation.AgreementSigning] = "подписания договора займа",
        [IdentificationOperation.PhoneNumberChange] = "смены номера телефона",
        [IdentificationOperation.IbanChange] = "смены счёта для выплаты",
        [IdentificationOperation.Payout] = "выплаты займа",
    };

    /// <summary>Gets or sets how long a session lasts: both factors must be completed within it.</summary>
    /// <value>The default value is 10 minutes; allowed 1 minute to 1 hour.</value>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how old the live capture may be when the identification is evaluated.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan CaptureFreshness { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the clock skew tolerated between the provider and this server.</summary>
    /// <value>The default value is 30 seconds; allowed up to 5 minutes.</value>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many random liveness commands are issued.</summary>
    /// <value>The default value is 3 (the regulation's minimum); allowed 3 to 8.</value>
    public int CommandCount { get; set; } = 3;

    /// <summary>Gets the set the random commands are drawn from (without repeats).</summary>
    /// <value>The default value is every <see cref="LivenessCommand"/>.</value>
    public ISet<LivenessCommand> CommandSet { get; } = new HashSet<LivenessCommand>(Enum.GetValues<LivenessCommand>());

    /// <summary>Gets or sets the liveness attempt cap.</summary>
    /// <value>The default value is 3 (the regulation: three failed attempts are a negative result); allowed 1 to 3.</value>
    public int MaxLivenessAttempts { get; set; } = 3;

    /// <summary>Gets or sets the minimum liveness score when the provider reports one.</summary>
    /// <value>The default value is 0.5.</value>
    public double MinLivenessScore { get; set; } = 0.5;

    /// <summary>Gets or sets the minimum face-match score.</summary>
    /// <value>The default value is 0.8; allowed (0, 1].</value>
    public double FaceMatchThreshold { get; set; } = 0.8;

    /// <summary>Gets or sets where the reference photo comes from.</summary>
    /// <value>The default value is <see cref="FaceReferenceSource.StatePhotoViaProvider"/>.</value>
    public FaceReferenceSource ReferenceSource { get; set; } = FaceReferenceSource.StatePhotoViaProvider;

    /// <summary>Gets or sets a value indicating whether positive injection, virtual-camera, emulator, root or remote-control signals reject.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RejectOnDeviceSignals { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether start-up validation requires every policy that contains
    /// <c>realtime-photo</c> to also require <c>egov-phone-ownership</c> (not optionally), so the code goes to a number
    /// proven to belong to the IIN.
    /// </summary>
    /// <value>The default value is <see langword="true"/>. Turn it off only when phone ownership is proven otherwise.</value>
    public bool RequirePhoneOwnershipInPolicy { get; set; } = true;

    /// <summary>Gets the options of the reference HTTP adapter (<see cref="Http.HttpLivenessProvider"/>); bound from the <c>Provider</c> section.</summary>
    public RealTimePhotoProviderOptions Provider { get; } = new();
}

/// <summary>Options of the reference HTTP liveness/face-match adapter and its webhook verification.</summary>
/// <remarks>Resilience pipeline, outermost first: total timeout → retry (idempotent or unsent requests only, exponential with jitter) → circuit breaker → attempt timeout.</remarks>
public sealed class RealTimePhotoProviderOptions
{
    /// <summary>Gets or sets the provider name written into the evidence.</summary>
    /// <value>The default value is <c>reference-http</c>.</value>
    public string Name { get; set; } = "reference-http";

    /// <summary>Gets or sets the provider's API base address (https, or http on loopback only).</summary>
    /// <value>The default value is <see langword="null"/>: required when the reference adapter is used.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the API key sent as a bearer token. A secret: bind it from a secret store.</summary>
    /// <value>The default value is <see langword="null"/>: no Authorization header.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the webhook HMAC-SHA-256 secret (at least 32 bytes). Without it every webhook is refused.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public byte[]? WebhookSecret { get; set; }

    /// <summary>Gets or sets how far a webhook's signed timestamp may be from now.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the timeout of one attempt.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the budget of one call including retries.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times an idempotent or unsent request is retried.</summary>
    /// <value>The default value is 2; allowed 0 to 5.</value>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Gets or sets the base delay of the exponential retry back-off (with jitter).</summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the failure ratio that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the minimum calls in the sampling window before the circuit may open.</summary>
    /// <value>The default value is 10.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets how long the circuit stays open.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest answer read.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;
}

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

        if (p.AttemptTimeout < TimeSpan.FromMilliseconds(10) || p.TotalTimeout < p.AttemptTimeout || p.TotalTimeout > TimeSpan.FromMinutes(5))
        {
            f.Add("RealTimePhotoOptions.Provider timeouts: AttemptTimeout at least 10 ms, TotalTimeout not shorter than it and at most 5 minutes.");
        }

        if (p.MaxRetryAttempts is < 0 or > 5 || p.RetryBaseDelay < TimeSpan.Zero)
        {
            f.Add("RealTimePhotoOptions.Provider.MaxRetryAttempts must be between 0 and 5 and RetryBaseDelay not negative.");
        }

        if (double.IsNaN(p.CircuitBreakerFailureRatio) || p.CircuitBreakerFailureRatio is <= 0 or > 1 || p.CircuitBreakerMinimumThroughput < 2 || p.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            f.Add("RealTimePhotoOptions.Provider circuit breaker: ratio in (0, 1], minimum throughput at least 2, break at least 500 ms.");
        }

        if (p.MaxResponseBytes < 1024)
        {
            f.Add("RealTimePhotoOptions.Provider.MaxResponseBytes must be at least 1024.");
        }

        return f.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(f);
    }
}

/// <summary>Checks at start-up that every policy using <c>realtime-photo</c> also requires <c>egov-phone-ownership</c>.</summary>
internal sealed class RealTimePhotoPolicyValidator(IOptions<RealTimePhotoOptions> photoOptions) : IValidateOptions<BorrowerIdentificationOptions>
{
    public ValidateOptionsResult Validate(string? name, BorrowerIdentificationOptions options)
    {
        try
        {
            if (!photoOptions.Value.RequirePhoneOwnershipInPolicy)
            {
                return ValidateOptionsResult.Success;
            }
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip; // The invalid real-time photo options are reported by their own validator.
        }

        IEnumerable<IdentificationPolicy> policies = options.OperationPolicies.Values;
        if (options.DefaultPolicy is not null)
        {
            policies = policies.Append(options.DefaultPolicy);
        }

        var failures = new List<string>();
        foreach (IdentificationPolicy policy in policies)
        {
            bool usesPhoto = policy.MethodIds.Contains(IdentificationMethodId.RealTimePhoto);
            bool requiresPhone = policy.Requirements.Any(r => !r.IsOptional && r.AnyOf.Count == 1 && r.AnyOf[0] == IdentificationMethodId.EGovPhoneOwnership);
            if (usesPhoto && !requiresPhone)
            {
                failures.Add($"Policy '{policy.Name}' uses realtime-photo but does not require egov-phone-ownership: the one-time code must go to a number proven to belong to the IIN (or set RealTimePhotoOptions.RequirePhoneOwnershipInPolicy = false).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

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

    /// <summary>Gets the options of the reference HTTP adapter (<see cref="HttpLivenessProvider"/>); bound from the <c>Provider</c> section.</summary>
    public RealTimePhotoProviderOptions Provider { get; } = new();
}

using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The <c>egov-phone-ownership</c> strategy: asks SmartBridge (ШЭП) whether the declared number is registered to the
/// declared IIN — directly, or through the КДП 1414 consent code — and decides: Verified only on a positive,
/// signature-checked (when configured) answer for exactly the declared IIN and number; a number registered to
/// someone else is a veto; not registered is a rejection; anything else is Indeterminate with a reason code.
/// </summary>
public sealed class EGovPhoneOwnershipMethod : IdentificationMethod
{
    private readonly ISmartBridgeClient _client;
    private readonly IPhoneOwnershipBinding _binding;
    private readonly SmartBridgeSettings _settings;
    private readonly IPhoneConsentStore _consents;

    internal EGovPhoneOwnershipMethod(
        ISmartBridgeClient client,
        IPhoneOwnershipBinding binding,
        SmartBridgeSettings settings,
        IPhoneConsentStore consents,
        TimeProvider timeProvider,
        ILogger? logger)
        : base(timeProvider, logger)
    {
        _client = client;
        _binding = binding;
        _settings = settings;
        _consents = consents;
    }

    /// <inheritdoc />
    public override IdentificationMethodId Id => IdentificationMethodId.EGovPhoneOwnership;

    /// <inheritdoc />
    protected override Task<MethodVerdict> EvaluateCoreAsync(MethodEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.PhoneNumber is not { HasValue: true } phone)
        {
            return Task.FromResult(MethodVerdict.NotApplicable());
        }

        var query = new PhoneOwnershipQuery(context.Request.Iin, phone);
        return _settings.Options.Mode == PhoneOwnershipMode.Consent
            ? EvaluateConsentAsync(context, query, cancellationToken)
            : EvaluateDirectAsync(context, query, cancellationToken);
    }

    private async Task<MethodVerdict> EvaluateDirectAsync(MethodEvaluationContext context, PhoneOwnershipQuery query, CancellationToken cancellationToken)
    {
        context.Evidence.Set(EGovPhoneOwnershipEvidenceKeys.PhoneMode, "direct");
        SmartBridgeCallResult result = await _client.SendAsync(_settings.Options.DirectCheckServiceId!, _binding.CreateDirectCheckRequest(query), cancellationToken).ConfigureAwait(false);
        result.WriteEvidence(context.Evidence);
        if (!result.Succeeded)
        {
            return MethodVerdict.Indeterminate(result.Failure ?? ReasonCode.ProviderProtocolError);
        }

        PhoneOwnershipAnswer answer;
        try
        {
            answer = _binding.ReadDirectCheckResponse(result.Data!, query);
        }
        catch (FormatException)
        {
            return MethodVerdict.Indeterminate(ReasonCode.ProviderProtocolError);
        }

        return Decide(context, answer, query);
    }

    private async Task<MethodVerdict> EvaluateConsentAsync(MethodEvaluationContext context, PhoneOwnershipQuery query, CancellationToken cancellationToken)
    {
        context.Evidence.Set(EGovPhoneOwnershipEvidenceKeys.PhoneMode, "consent");
        EGovPhoneOwnershipEvidence? evidence = context.Request.Evidence.Get<EGovPhoneOwnershipEvidence>();
        if (evidence is null)
        {
            return MethodVerdict.NotApplicable();
        }

        EGovPhoneOwnershipOptions o = _settings.Options;
        PhoneConsentRecord? state = await _consents.GetAsync(evidence.ConsentHandle, cancellationToken).ConfigureAwait(false);
        if (state is null || state.Iin != query.Iin || state.PhoneNumber != query.PhoneNumber || state.ExpiresAt <= context.TimeProvider.GetUtcNow())
        {
            return MethodVerdict.Rejected(ReasonCode.ChallengeInvalid);
        }

        context.Evidence.Set(EGovPhoneOwnershipEvidenceKeys.ConsentRequestMessageId, state.RequestMessageId);
        int attempt = await _consents.IncrementAttemptsAsync(evidence.ConsentHandle, cancellationToken).ConfigureAwait(false);
        if (attempt == 0)
        {
            return MethodVerdict.Rejected(ReasonCode.ChallengeInvalid); // removed since the lookup (redeemed in parallel)
        }

        if (attempt > o.ConsentMaxAttempts)
        {
            await _consents.RemoveAsync(evidence.ConsentHandle, CancellationToken.None).ConfigureAwait(false); // single use must hold even when the caller gave up
            return MethodVerdict.Rejected(ReasonCode.AttemptsExhausted);
        }

        context.Evidence.Set(EGovPhoneOwnershipEvidenceKeys.ConsentAttempt, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var confirmation = new PhoneConsentConfirmation(query.Iin, query.PhoneNumber, o.ConsentAccessName, state.RequestToken, evidence.OneTimeCode);
        SmartBridgeCallResult result = await _client.SendAsync(o.ConsentConfirmationServiceId, _binding.CreateConsentConfirmation(confirmation), cancellationToken).ConfigureAwait(false);
        result.WriteEvidence(context.Evidence);
        if (!result.Succeeded)
        {
            return MethodVerdict.Indeterminate(result.Failure ?? ReasonCode.ProviderProtocolError);
        }

        PhoneOwnershipAnswer answer;
        try
        {
            answer = _binding.ReadConsentConfirmationResponse(result.Data!, confirmation);
        }
        catch (FormatException)
        {
            return MethodVerdict.Indeterminate(ReasonCode.ProviderProtocolError);
        }

        MethodVerdict verdict = Decide(context, answer, query);
        if (answer.Status == PhoneOwnershipStatus.ConsentCodeInvalid && attempt >= o.ConsentMaxAttempts)
        {
            await _consents.RemoveAsync(evidence.ConsentHandle, CancellationToken.None).ConfigureAwait(false); // single use must hold even when the caller gave up
            return MethodVerdict.Rejected(ReasonCode.PhoneConsentCodeInvalid, ReasonCode.AttemptsExhausted);
        }

        if (verdict.Status != IdentificationStatus.Indeterminate && answer.Status != PhoneOwnershipStatus.ConsentCodeInvalid)
        {
            await _consents.RemoveAsync(evidence.ConsentHandle, CancellationToken.None).ConfigureAwait(false); // single use must hold even when the caller gave up
        }

        PhoneOwnershipLog.ConsentRedeemed(Logger, evidence.ConsentHandle.Length > 11 ? evidence.ConsentHandle[..11] : "pc_", answer.Status.ToString());
        return verdict;
    }

    private static MethodVerdict Decide(MethodEvaluationContext context, PhoneOwnershipAnswer answer, PhoneOwnershipQuery query)
    {
        context.Evidence.Set(EGovPhoneOwnershipEvidenceKeys.PhoneResult, answer.Status.ToString());
        bool iinMatches = answer.AnsweredIin is { } iin && iin == query.Iin;
        bool phoneMatches = answer.AnsweredPhoneNumber is { } p && p == query.PhoneNumber;
        switch (answer.Status)
        {
            case PhoneOwnershipStatus.Registered:
                return iinMatches && phoneMatches ? MethodVerdict.Verified() : MethodVerdict.Indeterminate(ReasonCode.SmartBridgeResponseMismatch);
            case PhoneOwnershipStatus.RegisteredToAnotherIin:
                return answer.AnsweredPhoneNumber is null || phoneMatches
                    ? MethodVerdict.Veto(ReasonCode.PhoneRegisteredToAnotherIin)
                    : MethodVerdict.Indeterminate(ReasonCode.SmartBridgeResponseMismatch);
            case PhoneOwnershipStatus.IinHasAnotherNumber:
                return answer.AnsweredIin is null || iinMatches
                    ? MethodVerdict.Veto(ReasonCode.PhoneNotRegisteredToIin)
                    : MethodVerdict.Indeterminate(ReasonCode.SmartBridgeResponseMismatch);
            case PhoneOwnershipStatus.NotRegistered:
                return (answer.AnsweredPhoneNumber is null || phoneMatches) && (answer.AnsweredIin is null || iinMatches)
                    ? MethodVerdict.Rejected(ReasonCode.PhoneNotRegistered)
                    : MethodVerdict.Indeterminate(ReasonCode.SmartBridgeResponseMismatch);
            case PhoneOwnershipStatus.ConsentCodeInvalid:
                return MethodVerdict.Rejected(ReasonCode.PhoneConsentCodeInvalid);
            default:
                return MethodVerdict.Indeterminate(ReasonCode.PhoneOwnershipUnknown);
        }
    }
}

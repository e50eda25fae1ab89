using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>The default <see cref="IPhoneOwnershipConsentService"/>.</summary>
internal sealed class PhoneOwnershipConsentService : IPhoneOwnershipConsentService
{
    private readonly ISmartBridgeClient _client;
    private readonly IPhoneOwnershipBinding _binding;
    private readonly SmartBridgeSettings _settings;
    private readonly IPhoneConsentStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public PhoneOwnershipConsentService(
        ISmartBridgeClient client,
        IPhoneOwnershipBinding binding,
        SmartBridgeSettings settings,
        IPhoneConsentStore store,
        TimeProvider timeProvider,
        ILogger<PhoneOwnershipConsentService>? logger = null)
    {
        _client = client;
        _binding = binding;
        _settings = settings;
        _store = store;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<PhoneOwnershipConsentStart> StartConsentAsync(Iin iin, KzPhoneNumber phoneNumber, CancellationToken cancellationToken = default)
    {
        if (!iin.HasValue || !phoneNumber.HasValue)
        {
            throw new ArgumentException("The IIN and the phone number are required.");
        }

        EGovPhoneOwnershipOptions o = _settings.Options;
        var query = new PhoneConsentRequest
        {
            Iin = iin,
            PhoneNumber = phoneNumber,
            Company = o.CompanyName ?? string.Empty,
            CompanyBin = Bin.Parse(o.CompanyBin ?? string.Empty),
            CompanyResponsible = o.CompanyResponsible,
            EmployeeName = o.EmployeeName,
            AccessName = o.ConsentAccessName,
            ExpiresIn = o.ConsentLifetime,
            OmitSms = false,
        };
        SmartBridgeCallResult result = await _client.SendAsync(o.ConsentServiceId, _binding.CreateConsentRequest(query), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return new PhoneOwnershipConsentStart(null, null, result.Failure, result.RequestMessageId);
        }

        PhoneConsentRequestAnswer answer;
        try
        {
            answer = _binding.ReadConsentResponse(result.Data!, query);
        }
        catch (FormatException)
        {
            return new PhoneOwnershipConsentStart(null, null, ReasonCode.ProviderProtocolError, result.RequestMessageId);
        }

        if (!answer.CodeSent)
        {
            return new PhoneOwnershipConsentStart(null, null, ReasonCode.PhoneOwnershipUnknown, result.RequestMessageId);
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        DateTimeOffset expiresAt = now + o.ConsentLifetime;
        string handle = await _store.AddAsync(new PhoneConsentRecord(iin, phoneNumber, answer.RequestToken, expiresAt, result.RequestMessageId), cancellationToken).ConfigureAwait(false);
        PhoneOwnershipLog.ConsentStarted(_logger, handle[..11], o.ConsentServiceId, expiresAt);
        return new PhoneOwnershipConsentStart(handle, expiresAt, null, result.RequestMessageId);
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>Starts the КДП consent flow: the gateway sends a 1414 code to the number registered to the IIN.</summary>
public interface IPhoneOwnershipConsentService
{
    /// <summary>
    /// Sends the КДП consent request for the borrower. On success the borrower receives a code from 1414 on the number
    /// registered to their IIN in the mobile-citizens database; pass the returned handle and the code in an
    /// <see cref="EGovPhoneOwnershipEvidence"/> to identify.
    /// </summary>
    /// <param name="iin">The declared IIN.</param>
    /// <param name="phoneNumber">The declared number.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The handle, or why no code was sent.</returns>
    Task<PhoneOwnershipConsentStart> StartConsentAsync(Iin iin, KzPhoneNumber phoneNumber, CancellationToken cancellationToken = default);
}

/// <summary>The result of starting a consent.</summary>
public sealed class PhoneOwnershipConsentStart
{
    internal PhoneOwnershipConsentStart(string? handle, DateTimeOffset? expiresAt, ReasonCode? failure, string requestMessageId)
    {
        Handle = handle;
        ExpiresAt = expiresAt;
        Failure = failure;
        RequestMessageId = requestMessageId;
    }

    /// <summary>Gets a value indicating whether the code was sent.</summary>
    public bool CodeSent => Handle is not null;

    /// <summary>Gets the opaque consent handle (null when no code was sent).</summary>
    public string? Handle { get; }

    /// <summary>Gets when the consent expires.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Gets why no code was sent.</summary>
    public ReasonCode? Failure { get; }

    /// <summary>Gets the SmartBridge message id of the consent request.</summary>
    public string RequestMessageId { get; }

    /// <inheritdoc />
    public override string ToString() => $"PhoneOwnershipConsentStart {{ CodeSent = {CodeSent}, Failure = {Failure} }}";
}

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

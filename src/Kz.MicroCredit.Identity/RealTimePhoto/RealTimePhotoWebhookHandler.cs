using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// Processes the provider's result webhooks: verifies the HMAC over the raw body in constant time and the timestamp
/// window, then applies the event idempotently (repeats are ignored, older events never overwrite newer ones, a final
/// result is never changed). The method reads the applied result before it polls.
/// </summary>
/// <remarks>
/// Call it from the lender's endpoint with the exact request bytes (before any JSON parsing) and the
/// <see cref="LivenessWireBinding.SignatureHeader"/> header, and answer with <see cref="StatusCodeFor"/>.
/// </remarks>
internal sealed class RealTimePhotoWebhookHandler
{
    private readonly LivenessWireBinding _binding;
    private readonly ILivenessResultStore _cache;
    private readonly RealTimePhotoProviderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal RealTimePhotoWebhookHandler(LivenessWireBinding binding, ILivenessResultStore cache, IOptions<RealTimePhotoOptions> options, TimeProvider time, ILogger<RealTimePhotoWebhookHandler>? logger = null)
    {
        _binding = binding;
        _cache = cache;
        _options = options.Value.Provider;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets the HTTP status to answer: 200 for processed (including repeats and stale events, so the provider stops retrying), 401 for a bad signature or time, 400 for garbage.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The status code.</returns>
    public static int StatusCodeFor(LivenessWebhookOutcome outcome) => outcome switch
    {
        LivenessWebhookOutcome.InvalidSignature or LivenessWebhookOutcome.TimestampOutOfWindow => 401,
        LivenessWebhookOutcome.Malformed => 400,
        LivenessWebhookOutcome.StoreUnavailable => 503,
        _ => 200,
    };

    /// <summary>Handles one delivery (blocks on the result store; prefer <see cref="HandleAsync"/> with a shared store).</summary>
    /// <param name="rawBody">The exact bytes received (at most 1 MiB).</param>
    /// <param name="signatureHeader">The signature header value.</param>
    /// <returns>The outcome.</returns>
    public LivenessWebhookOutcome Handle(ReadOnlyMemory<byte> rawBody, string? signatureHeader) =>
        HandleAsync(rawBody, signatureHeader).GetAwaiter().GetResult();

    /// <summary>Handles one delivery.</summary>
    /// <param name="rawBody">The exact bytes received (at most 1 MiB).</param>
    /// <param name="signatureHeader">The signature header value.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The outcome; <see cref="LivenessWebhookOutcome.StoreUnavailable"/> (answer 503) when the result could not be stored.</returns>
    public async Task<LivenessWebhookOutcome> HandleAsync(ReadOnlyMemory<byte> rawBody, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        LivenessWebhookOutcome outcome = await HandleCoreAsync(rawBody, signatureHeader, cancellationToken).ConfigureAwait(false);
        RealTimePhotoLog.WebhookHandled(_logger, outcome.ToString());
        return outcome;
    }

    private async Task<LivenessWebhookOutcome> HandleCoreAsync(ReadOnlyMemory<byte> rawBody, string? signatureHeader, CancellationToken cancellationToken)
    {
        if (_options.WebhookSecret is not { Length: >= 32 } secret || rawBody.Length > 1024 * 1024)
        {
            return LivenessWebhookOutcome.InvalidSignature;
        }

        switch (_binding.VerifyWebhookSignature(rawBody.Span, signatureHeader, secret, _time.GetUtcNow(), _options.WebhookTolerance))
        {
            case WebhookSignatureCheck.Valid:
                break;
            case WebhookSignatureCheck.OutOfWindow:
                return LivenessWebhookOutcome.TimestampOutOfWindow;
            default:
                return LivenessWebhookOutcome.InvalidSignature;
        }

        string eventId;
        LivenessResult result;
        try
        {
            (eventId, result) = _binding.ParseWebhook(rawBody);
        }
        catch (LivenessProviderException)
        {
            return LivenessWebhookOutcome.Malformed;
        }

        LivenessWebhookOutcome outcome;
        try
        {
            outcome = await _cache.ApplyAsync(eventId, result, cancellationToken).ConfigureAwait(false);
        }
        catch (StateStoreUnavailableException)
        {
            // Not stored: answer 503 so the provider delivers the event again.
            return LivenessWebhookOutcome.StoreUnavailable;
        }

        RealTimePhotoLog.WebhookEvent(_logger, eventId, result.Sequence, result.ProviderSessionId, outcome.ToString());
        return outcome;
    }
}

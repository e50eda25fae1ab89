using System.Net.Http.Headers;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// The reference HTTP adapter for the common vendor shape (create session → hosted flow or SDK → webhook and/or poll
/// → face match), over the named client <see cref="HttpClientName"/> with the resilience pipeline described on
/// <see cref="RealTimePhotoProviderOptions"/>. The wire format lives in one replaceable class, <see cref="LivenessWireBinding"/>.
/// </summary>
internal sealed class HttpLivenessProvider : ILivenessProvider, IFaceMatchProvider
{
    /// <summary>The name of the <see cref="HttpClient"/> registered by <c>AddRealTimePhotoVerification</c>.</summary>
    public const string HttpClientName = "Kz.MicroCredit.Identity.RealTimePhoto";

    /// <summary>The vendor's failures as reason codes: 5xx, 408, 429, timeouts and an open breaker are unavailable;
    /// any other status or a broken answer is a protocol error.</summary>
    private static readonly RemoteCallReasons Reasons = new()
    {
        Unavailable = [ReasonCode.ProviderUnavailable],
        Protocol = [ReasonCode.ProviderProtocolError],
    };

    private readonly IHttpClientFactory _clients;
    private readonly LivenessWireBinding _binding;
    private readonly RealTimePhotoProviderOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="HttpLivenessProvider"/> class.</summary>
    /// <param name="clients">The client factory.</param>
    /// <param name="binding">The wire binding.</param>
    /// <param name="options">The options; <see cref="RealTimePhotoProviderOptions.BaseAddress"/> is required.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="IdentificationConfigurationException">No base address is configured.</exception>
    public HttpLivenessProvider(IHttpClientFactory clients, LivenessWireBinding binding, IOptions<RealTimePhotoOptions> options, ILogger<HttpLivenessProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _binding = binding;
        _options = options.Value.Provider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (_options.BaseAddress is null)
        {
            throw new IdentificationConfigurationException("RealTimePhotoOptions.Provider.BaseAddress is required by the reference HTTP liveness adapter (or register your own ILivenessProvider and IFaceMatchProvider).");
        }
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public async Task<LivenessSessionHandle> CreateSessionAsync(LivenessSessionRequest request, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage message = _binding.CreateSessionRequest(request);
        ReadOnlyMemory<byte> body = await SendAsync("create-session", message, cancellationToken).ConfigureAwait(false);
        return _binding.ParseCreateSession(body);
    }

    /// <inheritdoc />
    public async Task<LivenessResult> GetResultAsync(string providerSessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerSessionId);
        using HttpRequestMessage message = _binding.ResultRequest(providerSessionId);
        ReadOnlyMemory<byte> body = await SendAsync("get-result", message, cancellationToken).ConfigureAwait(false);
        return _binding.ParseResult(body);
    }

    /// <inheritdoc />
    public async Task<FaceMatchResult> MatchAsync(FaceMatchRequest request, CancellationToken cancellationToken = default)
    {
        using HttpRequestMessage message = _binding.MatchRequest(request);
        ReadOnlyMemory<byte> body = await SendAsync("face-match", message, cancellationToken).ConfigureAwait(false);
        return _binding.ParseMatch(body);
    }

    private async Task<ReadOnlyMemory<byte>> SendAsync(string operation, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        HttpClient client = _clients.CreateClient(HttpClientName);
        message.RequestUri = new Uri(_options.BaseAddress!, message.RequestUri!);
        message.Headers.Accept.ParseAdd("application/json");
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        // The one transport path (Http/RemoteHttpCall) and the one mapping to reason codes (Http/RemoteCallReasons);
        // ILivenessProvider's contract then reports a failure as LivenessProviderException of the matching kind.
        RemoteCallResult<ReadOnlyMemory<byte>> answer = await RemoteHttpCall.SendAsync(
            ct => client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct),
            _options.MaxResponseBytes,
            RemoteAnswerRules.RequireJson,
            cancellationToken).ConfigureAwait(false);
        if (answer.Succeeded)
        {
            return answer.Value.ToArray();
        }

        LivenessProviderErrorKind kind = Reasons.For(answer).Contains(ReasonCode.ProviderProtocolError)
            ? LivenessProviderErrorKind.Protocol
            : LivenessProviderErrorKind.Unavailable;
        RealTimePhotoLog.ProviderCallFailed(_logger, operation, kind.ToString(), answer.Reason!);
        throw new LivenessProviderException(kind);
    }
}

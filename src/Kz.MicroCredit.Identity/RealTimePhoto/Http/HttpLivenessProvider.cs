using System.Net;
using System.Net.Http.Headers;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.RealTimePhoto.Http;

/// <summary>
/// The reference HTTP adapter for the common vendor shape (create session → hosted flow or SDK → webhook and/or poll
/// → face match), over the named client <see cref="HttpClientName"/> with the resilience pipeline described on
/// <see cref="RealTimePhotoProviderOptions"/>. The wire format lives in one replaceable class, <see cref="LivenessWireBinding"/>.
/// </summary>
internal sealed class HttpLivenessProvider : ILivenessProvider, IFaceMatchProvider
{
    /// <summary>The name of the <see cref="HttpClient"/> registered by <c>AddRealTimePhotoVerification</c>.</summary>
    public const string HttpClientName = "Kz.MicroCredit.Identity.RealTimePhoto";

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

        try
        {
            using HttpResponseMessage response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                int code = (int)response.StatusCode;
                bool transient = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                throw new LivenessProviderException(transient ? LivenessProviderErrorKind.Unavailable : LivenessProviderErrorKind.Protocol);
            }

            if (!StrictJson.IsJsonMediaType(response.Content.Headers.ContentType))
            {
                throw new LivenessProviderException(LivenessProviderErrorKind.Protocol);
            }

            // The body was read by the client's innermost handler, inside the attempt and total timeouts and under the cap.
            return (await BufferedBodyContent.ReadAsync(response.Content, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false)).ToArray();
        }
        catch (RemoteResponseException ex)
        {
            RealTimePhotoLog.ProviderCallFailed(_logger, operation, nameof(LivenessProviderErrorKind.Protocol), ex.Token);
            throw new LivenessProviderException(LivenessProviderErrorKind.Protocol, ex);
        }
        catch (LivenessProviderException ex)
        {
            RealTimePhotoLog.ProviderCallFailed(_logger, operation, ex.Kind.ToString(), "HttpStatus");
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or TimeoutRejectedException or BrokenCircuitException)
        {
            RealTimePhotoLog.ProviderCallFailed(_logger, operation, nameof(LivenessProviderErrorKind.Unavailable), ex.GetType().Name);
            throw new LivenessProviderException(LivenessProviderErrorKind.Unavailable, ex);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// The CEID (KCMR/NPC Identification Data Exchange Centre) biometric client: OAuth2 client credentials with a cached
/// token (refreshed once on HTTP 401), FAPI headers (<c>x-fapi-interaction-id</c> new per HTTP request,
/// <c>x-provider-id</c>), the request id as <c>x-idempotency-key</c>, and a Polly v8 pipeline (total budget, retry,
/// circuit breaker, per-call timeout). The wire format is delegated to <see cref="ICeidWireBinding"/>.
/// </summary>
/// <remarks>
/// Every transport or protocol fault comes back as a failed <see cref="CeidResult{T}"/> with reason codes
/// (<see cref="ReasonCode.ProviderUnavailable"/>, <see cref="ReasonCode.ProviderProtocolError"/>,
/// <see cref="ReasonCode.Timeout"/>, …); only the caller's cancellation throws. The HTTP client is the named client
/// <see cref="HttpClientName"/> from <see cref="IHttpClientFactory"/>.
/// </remarks>
internal class KcmrCeidClient
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client.</summary>
    public const string HttpClientName = "Kz.MicroCredit.Identity.KcmrCeid";

    /// <summary>The FAPI interaction id header.</summary>
    public const string InteractionIdHeader = "x-fapi-interaction-id";

    /// <summary>The provider id header.</summary>
    public const string ProviderIdHeader = "x-provider-id";

    /// <summary>The idempotency key header (the request id).</summary>
    public const string IdempotencyKeyHeader = "x-idempotency-key";

    private static readonly ResiliencePropertyKey<bool> IdempotentKey = new("kzid.ceid.idempotent");
    private static readonly ResiliencePropertyKey<string> OperationKey = new("kzid.ceid.operation");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ICeidWireBinding _binding;
    private readonly KcmrBiometricsOptions _options;
    private readonly ILogger _logger;
    private readonly CeidTokenCache _tokens;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Initializes a new instance of the <see cref="KcmrCeidClient"/> class.</summary>
    /// <param name="httpClientFactory">The HTTP client factory.</param>
    /// <param name="binding">The wire binding.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock (token expiry, timeouts, retry delays, breaker).</param>
    /// <param name="logger">The logger.</param>
    public KcmrCeidClient(
        IHttpClientFactory httpClientFactory,
        ICeidWireBinding binding,
        IOptions<KcmrBiometricsOptions> options,
        TimeProvider timeProvider,
        ILogger<KcmrCeidClient>? logger = null)
        : this(httpClientFactory, binding, options, timeProvider, logger, configureInner: null)
    {
    }

    /// <summary>Initializes a new instance with extra inner strategies (tests add Polly chaos strategies here).</summary>
    internal KcmrCeidClient(
        IHttpClientFactory httpClientFactory,
        ICeidWireBinding binding,
        IOptions<KcmrBiometricsOptions> options,
        TimeProvider timeProvider,
        ILogger? logger,
        Action<ResiliencePipelineBuilder<HttpResponseMessage>>? configureInner)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _httpClientFactory = httpClientFactory;
        _binding = binding;
        _options = options.Value;
        _logger = logger ?? NullLogger.Instance;
        _tokens = new CeidTokenCache(_options, timeProvider, _logger);
        _pipeline = BuildPipeline(_options, timeProvider, _logger, configureInner);
    }

    /// <summary>Initializes a new instance of the <see cref="KcmrCeidClient"/> class for mocking.</summary>
    protected KcmrCeidClient()
    {
        _httpClientFactory = null!;
        _binding = null!;
        _options = new KcmrBiometricsOptions();
        _logger = NullLogger.Instance;
        _tokens = null!;
        _pipeline = ResiliencePipeline<HttpResponseMessage>.Empty;
    }

    /// <summary>Gets the wire binding.</summary>
    public ICeidWireBinding Binding => _binding;

    /// <summary>Sends a direct match (live image against the reference photo of the IIN).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result; faults come back as failures.</returns>
    public virtual async Task<CeidResult<CeidMatchResult>> MatchAsync(CeidMatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using CeidWireRequest wire = _binding.CreateMatchRequest(request);
        return await ExecuteAsync("match", wire, request.RequestId, _options.ServiceHonoursIdempotencyKey, static (b, body) => b.ParseMatchResponse(body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a hosted biometric session.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The session or a failure.</returns>
    public virtual async Task<CeidResult<CeidSessionCreated>> CreateSessionAsync(CeidSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using CeidWireRequest wire = _binding.CreateSessionRequest(request);
        return await ExecuteAsync("create-session", wire, request.RequestId, _options.ServiceHonoursIdempotencyKey, static (b, body) => b.ParseSessionCreated(body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the status of a hosted session (a GET: always safe to retry).</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status or a failure.</returns>
    public virtual async Task<CeidResult<CeidSessionStatus>> GetSessionStatusAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        using CeidWireRequest wire = _binding.CreateSessionStatusRequest(sessionId);
        return await ExecuteAsync("session-status", wire, null, idempotent: true, static (b, body) => b.ParseSessionStatus(body), cancellationToken).ConfigureAwait(false);
    }

    private async Task<CeidResult<T>> ExecuteAsync<T>(
        string operation,
        CeidWireRequest wire,
        string? idempotencyKey,
        bool idempotent,
        Func<ICeidWireBinding, ReadOnlySpan<byte>, T> parse,
        CancellationToken cancellationToken)
        where T : class
    {
        var interaction = new InteractionHolder();
        ResilienceContext context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        context.Properties.Set(IdempotentKey, idempotent);
        context.Properties.Set(OperationKey, operation);
        RemoteCallResult<T> result;
        try
        {
            // The one transport path (Http/RemoteHttpCall): the pipeline's answer or fault becomes a RemoteCallResult;
            // the body was read by the client's innermost handler inside the attempt and total budgets.
            RemoteCallResult<ReadOnlyMemory<byte>> answer = await RemoteHttpCall.SendAsync(
                _ => _pipeline.ExecuteAsync(
                    static (ctx, state) => state.Client.SendOnceAsync(state.Operation, state.Wire, state.IdempotencyKey, state.Interaction, ctx.CancellationToken),
                    context,
                    (Client: this, Operation: operation, Wire: wire, IdempotencyKey: idempotencyKey, Interaction: interaction)).AsTask(),
                _options.MaxResponseBytes,
                RemoteAnswerRules.RequireJson,
                cancellationToken).ConfigureAwait(false);
            result = answer.Succeeded ? Parse(answer, parse) : RemoteCallResult<T>.Failure(answer.Reason!, answer.HttpStatus);
        }
        catch (CeidTokenException ex)
        {
            // The token endpoint's own failure (CEID-specific: not an answer to the business call).
            ReasonCode[] reasons = ex.Reason == ReasonCode.CeidAccessDenied ? [ReasonCode.ProviderUnavailable, ReasonCode.CeidAccessDenied] : [ex.Reason];
            return Fail<T>(operation, reasons, ex.HttpStatus, interaction.Id, "token");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (result.Succeeded)
        {
            return CeidResult.Success(result.Value!, result.HttpStatus, interaction.Id, result.ResponseDigest);
        }

        RemoteCallReasons map = operation == "session-status" ? SessionStatusReasons : CallReasons;
        return Fail<T>(operation, [.. map.For(result)], result.HttpStatus, interaction.Id, result.Reason!);
    }

    private RemoteCallResult<T> Parse<T>(RemoteCallResult<ReadOnlyMemory<byte>> answer, Func<ICeidWireBinding, ReadOnlySpan<byte>, T> parse)
    {
        ReadOnlyMemory<byte> body = answer.Value;
        try
        {
            T value = parse(_binding, body.Span);
            return answer.Map(_ => value);
        }
        catch (CeidProtocolException)
        {
            return RemoteCallResult<T>.Failure("malformed", answer.HttpStatus);
        }
        finally
        {
            // The body may hold biometric data: do not leave it in memory longer than the parse.
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsMemory(body).Span);
        }
    }

    private async ValueTask<HttpResponseMessage> SendOnceAsync(string operation, CeidWireRequest wire, string? idempotencyKey, InteractionHolder interaction, CancellationToken cancellationToken)
    {
        HttpClient client = _httpClientFactory.CreateClient(HttpClientName);
        string token = await _tokens.GetAsync(client, null, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await SendWithTokenAsync(client, operation, wire, idempotencyKey, token, interaction, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The token was revoked or expired early: renew it once and resend (a 401 means the call was not processed).
        response.Dispose();
        BiometricsLog.TokenRejected(_logger, operation);
        token = await _tokens.GetAsync(client, token, cancellationToken).ConfigureAwait(false);
        return await SendWithTokenAsync(client, operation, wire, idempotencyKey, token, interaction, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpClient client, string operation, CeidWireRequest wire, string? idempotencyKey, string token, InteractionHolder interaction, CancellationToken cancellationToken)
    {
        string interactionId = Guid.NewGuid().ToString("D");
        interaction.Id = interactionId;
        using HttpRequestMessage message = wire.ToHttpRequestMessage(_options.BaseAddress!);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.TryAddWithoutValidation(InteractionIdHeader, interactionId);
        message.Headers.TryAddWithoutValidation(ProviderIdHeader, _options.ProviderId);
        if (idempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        BiometricsLog.CallSending(_logger, operation, interactionId);
        HttpResponseMessage response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        BiometricsLog.CallAnswered(_logger, operation, (int)response.StatusCode, interactionId);
        return response;
    }

    private CeidResult<T> Fail<T>(string operation, ReasonCode[] reasons, int? status, string? interactionId, string fault)
        where T : class
    {
        BiometricsLog.CallFailed(_logger, operation, string.Join(",", reasons), status ?? 0, fault);
        return CeidResult.Failed<T>(reasons, status, interactionId);
    }

    /// <summary>The one mapping of a failed CEID call to reason codes (Http/RemoteCallReasons), per HTTP status.</summary>
    private static readonly RemoteCallReasons CallReasons = Reasons(sessionStatus: false);

    /// <summary>The same for the status poll, where 404 means the session is unknown.</summary>
    private static readonly RemoteCallReasons SessionStatusReasons = Reasons(sessionStatus: true);

    private static RemoteCallReasons Reasons(bool sessionStatus) => new()
    {
        Unavailable = [ReasonCode.ProviderUnavailable],
        Protocol = [ReasonCode.ProviderProtocolError],
        Timeout = [ReasonCode.Timeout],
        CircuitOpen = [ReasonCode.ProviderUnavailable, ReasonCode.CeidCircuitOpen],
        ForStatus = status => (HttpStatusCode)status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => [ReasonCode.ProviderUnavailable, ReasonCode.CeidAccessDenied],
            HttpStatusCode.TooManyRequests => [ReasonCode.ProviderUnavailable, ReasonCode.CeidThrottled],
            HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout => [ReasonCode.ProviderUnavailable, ReasonCode.Timeout],
            HttpStatusCode.NotFound when sessionStatus => [ReasonCode.BiometricSessionUnknown],
            >= HttpStatusCode.InternalServerError => [ReasonCode.ProviderUnavailable],
            _ => [ReasonCode.ProviderProtocolError],
        },
    };

    /// <summary>Whether the failure happened before any byte of the request could reach the service.</summary>
    internal static bool FailedBeforeSending(Exception? exception) => exception switch
    {
        _ when RemoteCallResilience.FailedBeforeSending(exception) => true,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } => true,
        CeidTokenException { Transient: true } => true, // the business request was not sent yet
        HttpRequestException { InnerException: CeidTokenException { Transient: true } } => true,
        _ => false,
    };

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(
        KcmrBiometricsOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        Action<ResiliencePipelineBuilder<HttpResponseMessage>>? configureInner)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "kzid-kcmr-ceid" };
        builder.AddStrategies(new RemoteCallResilienceSettings
        {
            Service = "ceid",
            TimeProvider = timeProvider,
            Options = options.Resilience,
            FailedBeforeSending = FailedBeforeSending,

            // Anything that may have reached the service is retried only when it deduplicates by request id.
            IsIdempotent = static context => context.Properties.GetValue(IdempotentKey, false),
            OnRetry = args =>
            {
                string fault = args.Outcome.Exception?.GetType().Name ?? ((int?)args.Outcome.Result?.StatusCode)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
                BiometricsLog.Retrying(logger, args.Context.Properties.GetValue(OperationKey, "call"), args.AttemptNumber + 1, fault);
                return default;
            },
            BreakerFailure = static outcome => RemoteCallResilience.IsTransientFailure(outcome) || outcome.Exception is CeidTokenException { Transient: true },
        });
        configureInner?.Invoke(builder);
        return builder.Build();
    }

    private sealed class InteractionHolder
    {
        public string? Id { get; set; }
    }
}

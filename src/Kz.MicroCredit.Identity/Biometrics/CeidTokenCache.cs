using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// OAuth2 client-credentials tokens for CEID: one cached token, renewed <see cref="KcmrBiometricsOptions.TokenExpirySkew"/>
/// before expiry, or at once when CEID rejects it (the caller passes the rejected token).
/// </summary>
#pragma warning disable CA1001 // Lives as long as its client (a singleton); the semaphore holds no unmanaged handle unless AvailableWaitHandle is used.
internal sealed class CeidTokenCache(KcmrBiometricsOptions options, TimeProvider timeProvider, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public async ValueTask<string> GetAsync(HttpClient client, string? rejectedToken, CancellationToken cancellationToken)
    {
        string? current = Volatile.Read(ref _token);
        if (current is not null && !ReferenceEquals(current, rejectedToken) && timeProvider.GetUtcNow() < _renewAt)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _token;
            if (current is not null && !ReferenceEquals(current, rejectedToken) && timeProvider.GetUtcNow() < _renewAt)
            {
                return current;
            }

            (string token, int expiresIn) = await RequestAsync(client, cancellationToken).ConfigureAwait(false);
            TimeSpan lifetime = TimeSpan.FromSeconds(expiresIn) - options.TokenExpirySkew;
            _renewAt = timeProvider.GetUtcNow() + (lifetime > TimeSpan.Zero ? lifetime : TimeSpan.Zero);
            Volatile.Write(ref _token, token);
            BiometricsLog.TokenAcquired(logger, expiresIn);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string Token, int ExpiresIn)> RequestAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(options.Scope))
        {
            form.Add(new("scope", options.Scope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(options.ClientId) + ":" + Uri.EscapeDataString(options.ClientSecret)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            bool transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
            ReasonCode reason = transient ? ReasonCode.ProviderUnavailable : ReasonCode.CeidAccessDenied;
            BiometricsLog.TokenFailed(logger, reason.Value, status);
            throw new CeidTokenException(reason, transient, status);
        }

        ReadOnlyMemory<byte> body = StrictJson.IsJsonMediaType(response.Content.Headers.ContentType)
            ? await BufferedBodyContent.ReadAsync(response.Content, options.MaxResponseBytes, cancellationToken).ConfigureAwait(false)
            : ReadOnlyMemory<byte>.Empty;
        OAuthTokenDto? dto;
        try
        {
            dto = StrictJson.IsUnambiguous(body.Span, 8) ? JsonSerializer.Deserialize(body.Span, OAuthJsonContext.Default.OAuthTokenDto) : null;
        }
        catch (JsonException)
        {
            dto = null;
        }

        if (dto is null || string.IsNullOrWhiteSpace(dto.AccessToken) || dto.AccessToken.Length > 16 * 1024 ||
            !string.Equals(dto.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase) || dto.ExpiresIn is <= 0 or > 86400 * 7)
        {
            BiometricsLog.TokenFailed(logger, ReasonCode.ProviderProtocolError.Value, status);
            throw new CeidTokenException(ReasonCode.ProviderProtocolError, transient: false, status);
        }

        return (dto.AccessToken, dto.ExpiresIn);
    }
}
#pragma warning restore CA1001

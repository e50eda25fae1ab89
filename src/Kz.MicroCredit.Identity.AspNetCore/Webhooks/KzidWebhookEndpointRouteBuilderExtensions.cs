using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>Maps the callbacks the external services post to the lender.</summary>
public static class KzidWebhookEndpointRouteBuilderExtensions
{
    /// <summary>The largest callback body read (1 MiB); a larger one is answered 413 without reading on.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Maps <c>POST {prefix}/ceid</c> (CEID session callbacks, HMAC-checked with <c>KcmrBiometrics:CallbackSecret</c>)
    /// and <c>POST {prefix}/liveness</c> (liveness vendor webhooks, HMAC- and time-checked with
    /// <c>RealTimePhoto:Provider:WebhookSecret</c>), each only when its method is registered. Answers: 200 accepted or
    /// duplicate, 401 bad signature or time, 400 malformed, 413 too large. Set <c>KcmrBiometrics:CallbackUrl</c> to the
    /// public address of the first.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (the app).</param>
    /// <param name="prefix">The route prefix.</param>
    /// <returns>The group, to add host filters, rate limiting or metadata.</returns>
    public static RouteGroupBuilder MapKzidWebhooks(this IEndpointRouteBuilder endpoints, string prefix = "/kzid/webhooks")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder group = endpoints.MapGroup(prefix);
        IServiceProviderIsService registered = endpoints.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        if (registered.IsService(typeof(KcmrBiometricsSessions)))
        {
            group.MapPost("/ceid", async (HttpContext http, KcmrBiometricsSessions sessions, ICeidWireBinding binding) =>
            {
                byte[]? body = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
                if (body is null)
                {
                    return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                }

                KcmrCallbackResult result = await sessions.ProcessCallbackAsync(body, http.Request.Headers[binding.CallbackSignatureHeader].ToString(), http.RequestAborted).ConfigureAwait(false);
                return Results.StatusCode(result.HttpStatusCode);
            }).WithName("KzidCeidCallback").DisableAntiforgery();
        }

        if (registered.IsService(typeof(RealTimePhotoWebhookHandler)))
        {
            group.MapPost("/liveness", async (HttpContext http, RealTimePhotoWebhookHandler handler) =>
            {
                byte[]? body = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
                if (body is null)
                {
                    return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                }

                LivenessWebhookOutcome outcome = handler.Handle(body, http.Request.Headers[LivenessWireBinding.SignatureHeader].ToString());
                return Results.StatusCode(RealTimePhotoWebhookHandler.StatusCodeFor(outcome));
            }).WithName("KzidLivenessWebhook").DisableAntiforgery();
        }

        return group;
    }

    /// <summary>Reads the exact bytes (the signature is over them), or <see langword="null"/> past <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

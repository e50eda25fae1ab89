using System.Text;
using Kz.MicroCredit.Identity.AspNetCore.SigningChannels.EGovMobile;
using Kz.MicroCredit.Identity.SigningChannels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>Maps the eGov mobile cross-signing endpoints (API 1, API 2) and the page's status, event and QR endpoints.</summary>
public static class EGovMobileSigningEndpointRouteBuilderExtensions
{
    private static readonly TimeSpan EventPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Maps, under <see cref="EGovMobileSigningOptions.RoutePrefix"/>: <c>GET api1/{id}</c> and <c>GET|PUT api2/{id}</c>
    /// for the phone app (and <c>POST api2/{id}</c>, the sign-in of <see cref="EGovMobileAuthType.Eds"/>), and for the lender's page <c>GET sessions/{id}/status</c> (JSON), <c>GET sessions/{id}/events</c>
    /// (server-sent events) and <c>GET sessions/{id}/qr.svg</c> / <c>qr.png</c>. Starting a session is the lender's own
    /// endpoint (it knows the borrower): call <c>IEGovMobileSigningService.StartAsync</c> from it.
    /// Requires <c>AddEGovMobileSigning(...)</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The group, to add conventions (e.g. rate limiting) to.</returns>
    public static RouteGroupBuilder MapKzidEGovMobileSigning(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        EGovMobileSigningService service = endpoints.ServiceProvider.GetService<EGovMobileSigningService>()
            ?? throw new InvalidOperationException("Call AddBorrowerIdentification().AddEGovMobileSigning(...) before MapKzidEGovMobileSigning().");
        TimeProvider time = endpoints.ServiceProvider.GetRequiredService<TimeProvider>();
        RouteGroupBuilder group = endpoints.MapGroup(service.Options.RoutePrefix);

        // A shared session store that is down (e.g. Redis) is "try later" in the protocol's own error form, never a 500:
        // nothing was stored or verified, and the phone app shows the localized message.
        group.AddEndpointFilter(async (invocation, next) =>
        {
            try
            {
                return await next(invocation).ConfigureAwait(false);
            }
            catch (StateStoreUnavailableException)
            {
                HttpContext context = invocation.HttpContext;
                if (!context.Response.HasStarted)
                {
                    await WriteAsync(context, EGovMobileSigningService.Error(EGovMobileError.TryLater, EGovMobileMessages.Language(context.Request.Headers.AcceptLanguage))).ConfigureAwait(false);
                }

                return Results.Empty;
            }
        });

        group.MapGet("/api1/{id}", async (HttpContext context, string id) =>
            await WriteAsync(context, await service.GetApi1Async(id, context.Request.Headers.AcceptLanguage, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));

        group.MapGet("/api2/{id}", async (HttpContext context, string id) =>
            await WriteAsync(context, await service.GetDocumentsAsync(id, context.Request.Headers.Authorization, context.Request.Headers.AcceptLanguage, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));

        // auth_type Eds: the app signs in with a signed XML naming the session, and gets the documents in the answer.
        group.MapPost("/api2/{id}", async (HttpContext context, string id) =>
            await WriteAsync(context, await service.AuthenticateAsync(id, context.Request.ContentLength, context.Request.Body, context.Request.Headers.AcceptLanguage, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));

        group.MapPut("/api2/{id}", async (HttpContext context, string id) =>
        {
            // The service caps what it reads; the server's own limit is raised no further than that cap.
            IHttpMaxRequestBodySizeFeature? limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false })
            {
                limit.MaxRequestBodySize = service.Options.MaxAnswerBytes + 1L;
            }

            EGovMobileProtocolResponse response;
            try
            {
                response = await service.SubmitAsync(id, context.Request.Headers.Authorization, context.Request.ContentLength, context.Request.Body, context.Request.Headers.AcceptLanguage, context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException)
            {
                // The server refused to read past its limit.
                response = EGovMobileSigningService.Error(EGovMobileError.BodyTooLarge, EGovMobileMessages.Language(context.Request.Headers.AcceptLanguage));
            }

            await WriteAsync(context, response).ConfigureAwait(false);
        });

        group.MapGet("/sessions/{id}/status", async (HttpContext context, string id) =>
        {
            EGovMobileSigningStatus? status = await service.GetStatusAsync(id, context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, status is null
                ? EGovMobileSigningService.Error(EGovMobileError.SessionNotFound, EGovMobileMessages.Language(context.Request.Headers.AcceptLanguage))
                : new EGovMobileProtocolResponse(200, EGovMobileSigningService.StatusJson(status))).ConfigureAwait(false);
        });

        group.MapGet("/sessions/{id}/events", (HttpContext context, string id) => StreamEventsAsync(context, service, time, id));

        group.MapGet("/sessions/{id}/qr.svg", async (HttpContext context, string id) =>
        {
            string? payload = await service.GetQrPayloadAsync(id, context.RequestAborted).ConfigureAwait(false);
            return payload is null ? Results.NotFound() : Results.Text(EGovMobileQrCode.Svg(payload), "image/svg+xml", Encoding.UTF8);
        });

        group.MapGet("/sessions/{id}/qr.png", async (HttpContext context, string id) =>
        {
            string? payload = await service.GetQrPayloadAsync(id, context.RequestAborted).ConfigureAwait(false);
            return payload is null ? Results.NotFound() : Results.Bytes(EGovMobileQrCode.Png(payload), "image/png");
        });

        return group;
    }

    // Server-sent events: one "status" event per change, read from the store (so any instance can serve it), until the
    // session is closed or expired or the page goes away.
    private static async Task StreamEventsAsync(HttpContext context, EGovMobileSigningService service, TimeProvider time, string id)
    {
        CancellationToken aborted = context.RequestAborted;
        EGovMobileSigningStatus? status = await service.GetStatusAsync(id, aborted).ConfigureAwait(false);
        if (status is null)
        {
            await WriteAsync(context, EGovMobileSigningService.Error(EGovMobileError.SessionNotFound, EGovMobileMessages.Language(context.Request.Headers.AcceptLanguage))).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        string? last = null;
        try
        {
            while (status is not null)
            {
                string json = Encoding.UTF8.GetString(EGovMobileSigningService.StatusJson(status));
                if (json != last)
                {
                    await context.Response.WriteAsync("event: status\ndata: " + json + "\n\n", aborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    last = json;
                }

                if (status.State != EGovMobileSessionState.Pending)
                {
                    return;
                }

                await Task.Delay(EventPollInterval, time, aborted).ConfigureAwait(false);
                status = await service.GetStatusAsync(id, aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    private static async Task WriteAsync(HttpContext context, EGovMobileProtocolResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}

using System.Net;
using Kz.MicroCredit.Identity.AspNetCore;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

public sealed class WebhookTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private KzidSandbox _sandbox = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?> { ["Kzid:Policy"] = "rules-2025" });
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        builder.Services.AddKzidSandbox();
        _app = builder.Build();
        _app.MapKzidWebhooks();
        await _app.StartAsync();
        _client = _app.GetTestClient();
        _sandbox = _app.Services.GetRequiredService<KzidSandbox>();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_CEID_callback_is_accepted_once_and_a_repeat_is_a_duplicate()
    {
        KcmrSessionStart start = await _app.Services.GetRequiredService<KcmrBiometricsSessions>()
            .StartAsync(KzidSandbox.SampleBorrowerIin, IdentificationOperation.AgreementSigning, "consent-1");
        await _sandbox.Ceid.CompleteSessionAsync(start.SessionId!);
        (byte[] body, string signature) = _sandbox.Ceid.BuildCallback("evt_1", start.SessionId!, "completed", DateTimeOffset.UtcNow);

        HttpResponseMessage first = await PostAsync("/kzid/webhooks/ceid", body, "x-ceid-signature", signature);
        HttpResponseMessage repeat = await PostAsync("/kzid/webhooks/ceid", body, "x-ceid-signature", signature);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
    }

    [Fact]
    public async Task A_CEID_callback_with_a_wrong_signature_or_a_changed_body_is_401()
    {
        KcmrSessionStart start = await _app.Services.GetRequiredService<KcmrBiometricsSessions>()
            .StartAsync(KzidSandbox.SampleBorrowerIin, IdentificationOperation.AgreementSigning, "consent-2");
        (byte[] body, string signature) = _sandbox.Ceid.BuildCallback("evt_2", start.SessionId!, "completed", DateTimeOffset.UtcNow);
        byte[] changed = (byte[])body.Clone();
        changed[^2] ^= 1;

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/kzid/webhooks/ceid", changed, "x-ceid-signature", signature)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/kzid/webhooks/ceid", body, "x-ceid-signature", "sha256=00")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/kzid/webhooks/ceid", body, null, null)).StatusCode);
    }

    [Fact]
    public async Task A_signed_liveness_webhook_is_accepted_and_a_tampered_or_late_one_is_401()
    {
        RealTimePhotoStartResult started = await _app.Services.GetRequiredService<IRealTimePhotoSessionService>().StartAsync(
            new RealTimePhotoStartRequest(KzidSandbox.SampleBorrowerIin, KzidSandbox.SampleBorrowerPhone, IdentificationOperation.AgreementSigning, "corr-1") { Amount = 50_000m });
        Assert.True(started.IsStarted);
        await _sandbox.Liveness.CompleteFlowAsync(started.Session!.ProviderSessionId);
        (byte[] body, string signature) = _sandbox.Liveness.CreateSignedWebhook(started.Session.ProviderSessionId);
        (byte[] late, string lateSignature) = _sandbox.Liveness.CreateSignedWebhook(started.Session.ProviderSessionId, timestamp: DateTimeOffset.UtcNow.AddHours(-1));
        byte[] changed = (byte[])body.Clone();
        changed[^2] ^= 1;

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/kzid/webhooks/liveness", body, LivenessWireBinding.SignatureHeader, signature)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/kzid/webhooks/liveness", changed, LivenessWireBinding.SignatureHeader, signature)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/kzid/webhooks/liveness", late, LivenessWireBinding.SignatureHeader, lateSignature)).StatusCode);
    }

    [Fact]
    public async Task A_body_over_one_MiB_is_413_and_garbage_signed_correctly_is_400()
    {
        byte[] large = new byte[KzidWebhookEndpointRouteBuilderExtensions.MaxBodyBytes + 1];
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync("/kzid/webhooks/liveness", large, null, null)).StatusCode);

        byte[] garbage = "{not json"u8.ToArray();
        string signature = LivenessWireBinding.SignWebhook(garbage, _sandbox.Liveness.WebhookSecret, DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/kzid/webhooks/liveness", garbage, LivenessWireBinding.SignatureHeader, signature)).StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? header, string? value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return await _client.SendAsync(request);
    }
}

using System.Net;
using System.Net.Sockets;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

/// <summary>The simulator posts a signed callback to a lender webhook, which hands it to the SDK; no polling involved.</summary>
public sealed class CeidWebhookEndToEndTests
{
    [Fact]
    public async Task Simulator_callback_through_a_webhook_completes_the_hosted_session()
    {
        await using CeidSimulator simulator = await CeidSimulator.StartAsync();
        int port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/webhooks/ceid/");
        listener.Start();
        await using ServiceProvider provider = BiometricsTestHost.Build(simulator, o =>
        {
            o.CallbackUrl = new Uri($"http://127.0.0.1:{port}/webhooks/ceid/");
            o.PollOnEvaluate = false;
        });
        KcmrBiometricsSessions sessions = provider.GetRequiredService<KcmrBiometricsSessions>();
        var received = new List<KcmrCallbackResult>();
        Task webhook = Task.Run(async () =>
        {
            HttpListenerContext context = await listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            KcmrCallbackResult result = await sessions.ProcessCallbackAsync(body.ToArray(), context.Request.Headers["x-ceid-signature"]);
            received.Add(result);
            context.Response.StatusCode = result.HttpStatusCode;
            context.Response.Close();
        });

        KcmrSessionStart start = await sessions.StartAsync(Iin.Parse(CeidSimulator.SandboxIin), IdentificationOperation.AgreementSigning, "consent-e2e");
        Assert.True(start.Succeeded);
        Assert.True(await simulator.CompleteSessionAsync(start.SessionId)); // the borrower finishes; the simulator calls the webhook
        await webhook.WaitAsync(TimeSpan.FromSeconds(20));

        KcmrCallbackResult callback = Assert.Single(received);
        Assert.Equal(KcmrCallbackStatus.Accepted, callback.Status);
        BorrowerIdentificationRequest request = BiometricsTestHost.Request(CeidSimulator.SandboxIin);
        request.Evidence.Add(new KcmrSessionEvidence(start.SessionId));
        MethodOutcome outcome = await BiometricsTestHost.Method(provider).EvaluateAsync(request);
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.False(await simulator.CompleteSessionAsync(start.SessionId)); // single-use at the provider too
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

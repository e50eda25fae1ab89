using System.Net;
using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Http;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

/// <summary>The POST retry rule: only failures before sending are retried; anything after sending is never repeated.</summary>
public sealed class SmartBridgeResilienceTests
{
    private static readonly Lazy<INcaSigner> Lender = new(() =>
        new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa }).IssueLegalEntity(
            Iin.Parse("790303402568"), Bin.Parse("070840007503"), "MFO", "T", "L", NcaLegalEntityRoles.FirstHead));

    private sealed class ScriptedHandler(Func<int, HttpRequestMessage, HttpResponseMessage> script) : HttpMessageHandler
    {
        public int Calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int call = Interlocked.Increment(ref Calls);
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(cancellationToken);
            }

            return script(call, request);
        }
    }

    private static HttpResponseMessage Registered(HttpRequestMessage request)
    {
        XmlDocument envelope = SmartBridgeXml.Load(request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult(), 1 << 20);
        (string? messageId, _, _) = SmartBridgeResponseBuilder.ReadRequest(envelope);
        XmlDocument answer = SmartBridgeResponseBuilder.Response(messageId, null, "SCSS001", DateTimeOffset.UtcNow,
            w => w.WriteRaw("<iin>880912300763</iin><phoneNumber>77011234567</phoneNumber><result>REGISTERED</result>"));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(SmartBridgeEnvelope.ToBytes(answer)) };
    }

    private static async Task<MethodOutcome> RunAsync(ScriptedHandler handler)
    {
        var services = new ServiceCollection();
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership))
            .AddEGovPhoneOwnership(o =>
            {
                o.Endpoint = new Uri("https://smartbridge.example.invalid/sync");
                o.SenderId = "mfo";
                o.SenderPassword = "pw";
                o.Signer = Lender.Value;
                o.AllowUnsignedResponses = true;
                o.DirectCheckServiceId = "PHONE_CHECK";
                o.Resilience.MaxRetryAttempts = 2;
            });
        services.AddHttpClient(SmartBridgeClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var request = new BorrowerIdentificationRequest(Iin.Parse("880912300763"), IdentificationOperation.AgreementSigning, "loan")
        {
            PhoneNumber = KzPhoneNumber.Parse("+77011234567"),
        };
        return await provider.GetRequiredService<EGovPhoneOwnershipMethod>().EvaluateAsync(request);
    }

    [Fact]
    public async Task Connection_refused_before_sending_is_retried()
    {
        var handler = new ScriptedHandler((call, request) => call == 1
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused")
            : Registered(request));
        MethodOutcome outcome = await RunAsync(handler);
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal(2, handler.Calls);
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.InvalidResponse)]
    [InlineData(HttpRequestError.Unknown)]
    public async Task Failure_after_sending_is_not_retried(HttpRequestError error)
    {
        var handler = new ScriptedHandler((call, request) => call == 1 ? throw new HttpRequestException(error, "x") : Registered(request));
        MethodOutcome outcome = await RunAsync(handler);
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.ProviderUnavailable], outcome.Reasons);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Server_error_is_not_retried()
    {
        var handler = new ScriptedHandler((call, request) => call == 1 ? new HttpResponseMessage(HttpStatusCode.BadGateway) : Registered(request));
        MethodOutcome outcome = await RunAsync(handler);
        Assert.Equal([ReasonCode.ProviderUnavailable], outcome.Reasons);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public void Only_connection_and_name_resolution_errors_count_as_before_sending()
    {
        Assert.True(RemoteCallResilience.FailedBeforeSending(new HttpRequestException(HttpRequestError.ConnectionError, "x")));
        Assert.True(RemoteCallResilience.FailedBeforeSending(new HttpRequestException(HttpRequestError.NameResolutionError, "x")));
        Assert.False(RemoteCallResilience.FailedBeforeSending(new HttpRequestException(HttpRequestError.ResponseEnded, "x")));
        Assert.False(RemoteCallResilience.FailedBeforeSending(new TimeoutException()));
        Assert.False(RemoteCallResilience.FailedBeforeSending(null));
    }
}

using System.Net;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

/// <summary>Builds a service provider wired to a CEID simulator.</summary>
internal static class BiometricsTestHost
{
    public static ServiceProvider Build(CeidSimulator simulator, Action<KcmrBiometricsOptions>? configure = null, TimeProvider? timeProvider = null, bool fakeLogging = false)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            if (fakeLogging)
            {
                b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
            }
        });
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddBorrowerIdentification().UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.KcmrBiometrics)).AddKcmrBiometrics(o =>
        {
            simulator.Configure(o);
            configure?.Invoke(o);
        });
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    public static KcmrBiometricsMethod Method(IServiceProvider provider) => provider.GetRequiredService<KcmrBiometricsMethod>();

    public static BorrowerIdentificationRequest Request(string iin, IdentificationOperation operation = IdentificationOperation.AgreementSigning) =>
        new(Iin.Parse(iin), operation, "loan-" + Guid.NewGuid().ToString("N")[..8]);

    public static BorrowerIdentificationRequest WithImage(string iin, byte[]? image = null, IdentificationOperation operation = IdentificationOperation.AgreementSigning)
    {
        BorrowerIdentificationRequest request = Request(iin, operation);
        request.Evidence.Add(new KcmrFaceImageEvidence(image ?? SampleFaceImage.CreateJpeg(320, 240), "consent-test-1"));
        return request;
    }
}

/// <summary>An in-process HTTP stack: a token endpoint and a scripted API, counting calls; for chaos tests.</summary>
internal sealed class StubCeidHandler : HttpMessageHandler
{
    private int _apiCalls;
    private int _tokenCalls;

    public Func<HttpRequestMessage, HttpResponseMessage>? Api { get; set; }

    public int ApiCalls => Volatile.Read(ref _apiCalls);

    public int TokenCalls => Volatile.Read(ref _tokenCalls);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _tokenCalls);
            return Task.FromResult(Json(HttpStatusCode.OK, """{"access_token":"t1","token_type":"Bearer","expires_in":300}"""));
        }

        Interlocked.Increment(ref _apiCalls);
        return Task.FromResult(Api?.Invoke(request) ?? Json(HttpStatusCode.InternalServerError, "{}"));
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}

internal sealed class StubHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
}

using System.Net;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

public sealed class CrlCacheTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kzid-crl-cache-").FullName;
    private KzidSandbox _sandbox = null!;
    private byte[] _crl = [];

    public async Task InitializeAsync()
    {
        _sandbox = await KzidSandbox.StartAsync();
        using var http = new HttpClient();
        _crl = await http.GetByteArrayAsync(_sandbox.Revocation.CrlUrl);
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Stands in for the network: counts downloads, serves the CRL or fails.</summary>
    private sealed class Network(byte[] crl) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        public bool Down { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Down
                ? throw new HttpRequestException("down")
                : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(crl) });
        }
    }

    /// <summary>A new handler over the same directory: what a restarted or second instance sees.</summary>
    private (HttpMessageInvoker Invoker, Network Network) Instance(FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddOptions<KzidWarmupOptions>().Configure(o => o.CrlCacheDirectory = _dir);
        services.AddOptions<RevocationOptions>();
        services.AddOptions<NcaEdsOptions>().Configure(o => o.TrustStore = _sandbox.TrustStore);
        ServiceProvider provider = services.BuildServiceProvider();
        var network = new Network(_crl);
        CrlCacheHandler handler = ActivatorUtilities.CreateInstance<CrlCacheHandler>(provider);
        handler.InnerHandler = network;
        return (new HttpMessageInvoker(handler), network);
    }

    private async Task<HttpResponseMessage> GetAsync(HttpMessageInvoker invoker) =>
        await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, _sandbox.Revocation.CrlUrl), CancellationToken.None);

    [Fact]
    public async Task A_downloaded_CRL_survives_a_restart_and_is_served_without_the_network()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        (HttpMessageInvoker first, Network firstNetwork) = Instance(time);
        Assert.Equal(_crl, await (await GetAsync(first)).Content.ReadAsByteArrayAsync());
        Assert.Equal(1, firstNetwork.Calls);

        (HttpMessageInvoker restarted, Network network) = Instance(time);
        network.Down = true;
        HttpResponseMessage response = await GetAsync(restarted);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_crl, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, network.Calls);
    }

    [Fact]
    public async Task After_the_refresh_interval_the_CRL_is_downloaded_again_and_a_failed_download_falls_back_to_the_cache_before_nextUpdate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        (HttpMessageInvoker first, _) = Instance(time);
        await GetAsync(first);

        time.Advance(TimeSpan.FromHours(2)); // past the 1-hour refresh interval, before the 1-day nextUpdate
        (HttpMessageInvoker later, Network network) = Instance(time);
        network.Down = true;
        HttpResponseMessage response = await GetAsync(later);

        Assert.Equal(1, network.Calls);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        time.Advance(TimeSpan.FromDays(2)); // past nextUpdate: the cached CRL is no longer used
        (HttpMessageInvoker stale, Network staleNetwork) = Instance(time);
        staleNetwork.Down = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(stale));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tampered_cache_file_is_refused_and_downloaded_again(bool fixTheSidecarHashToo)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        (HttpMessageInvoker first, _) = Instance(time);
        await GetAsync(first);
        string crlFile = Directory.GetFiles(_dir, "*.crl").Single();
        byte[] tampered = File.ReadAllBytes(crlFile);
        tampered[^10] ^= 0xFF; // inside the signature
        File.WriteAllBytes(crlFile, tampered);
        if (fixTheSidecarHashToo)
        {
            string sidecar = Path.ChangeExtension(crlFile, ".json");
            string json = File.ReadAllText(sidecar);
            string oldHash = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("Sha256").GetString()!;
            File.WriteAllText(sidecar, json.Replace(oldHash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tampered)), StringComparison.Ordinal));
        }

        (HttpMessageInvoker restarted, Network network) = Instance(time);
        HttpResponseMessage response = await GetAsync(restarted);

        Assert.Equal(1, network.Calls); // refused, fetched again
        Assert.Equal(_crl, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(_crl, File.ReadAllBytes(crlFile)); // and the good copy replaced it
    }
}

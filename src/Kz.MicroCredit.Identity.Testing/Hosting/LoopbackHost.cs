using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Testing.Hosting;

/// <summary>
/// A slim Kestrel minimal-API app bound to a free port on <c>http://127.0.0.1:0</c>, without logging providers: the
/// common host of the loopback simulators.
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the bound address, e.g. <c>http://127.0.0.1:54321/</c> (always ends with <c>/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Builds the app, lets the caller map its endpoints, starts it and reads the port Kestrel picked.</summary>
    /// <param name="mapEndpoints">Maps the simulator's endpoints.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running host.</returns>
    public static async Task<LoopbackHost> StartAsync(Action<WebApplication> mapEndpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        try
        {
            mapEndpoints(app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LoopbackHost(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops and disposes the app.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

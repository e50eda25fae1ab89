using Microsoft.Extensions.Hosting;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Ends the background CRL refreshes when the host stops, before the container is disposed: an outbound call still in
/// flight at that point would keep the HTTP resilience pipelines' disposal waiting (on the application's
/// <see cref="TimeProvider"/>, which in tests may be a fake clock that never moves).
/// </summary>
internal sealed class CrlRefreshLifetime(HttpCrlSource crls) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => crls.StopBackgroundRefreshAsync(cancellationToken);
}

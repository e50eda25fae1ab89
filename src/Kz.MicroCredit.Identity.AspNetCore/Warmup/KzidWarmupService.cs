using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>
/// Loads the trust store and every pinned CRL in the background at start, so the first borrower does not wait for a
/// large CRL download; the readiness check reports Unhealthy until it is done.
/// </summary>
internal sealed class KzidWarmupService(IServiceProvider services, KzidWarmupState state, IOptions<KzidWarmupOptions> options, ILogger<KzidWarmupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
        var problems = new List<string>();
        int anchors = 0, crls = 0;
        try
        {
            NcaTrustStore? trust = services.GetService<IOptions<NcaEdsOptions>>()?.Value.ResolveTrustStore();
            anchors = trust?.Anchors.Count ?? 0;
            if (trust is not null && services.GetService<HttpCrlSource>() is { } source && services.GetService<IOptions<RevocationOptions>>() is { } revocation)
            {
                X509Certificate2[] cas = [.. trust.Anchors, .. trust.Intermediates];
                foreach (RevocationIssuerOptions pinned in revocation.Value.Issuers.Where(i => i.CrlUrls.Count + i.DeltaCrlUrls.Count > 0))
                {
                    X509Certificate2? issuer = cas.FirstOrDefault(pinned.Matches);
                    if (issuer is null)
                    {
                        problems.Add($"{pinned.Name}: no CA certificate in the trust store matches the pinned issuer.");
                        continue;
                    }

                    CrlLookup lookup = await source.FindAsync(issuer, pinned, timeout.Token).ConfigureAwait(false);
                    crls += lookup.Bases.Count + lookup.Deltas.Count;
                    if (lookup.Failure is { } failure)
                    {
                        problems.Add($"{pinned.Name}: {failure}.");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            problems.Add("Warm-up did not finish within Kzid:Warmup:Timeout.");
        }
        catch (OperationCanceledException)
        {
            return;
        }

        state.Complete(anchors, crls, problems);
        WarmupLog.Completed(logger, anchors, crls, problems.Count);
    }
}

using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.AspNetCore.Health;

/// <summary>Every pinned OCSP responder answers (an OCSP responder answers a bare GET with a 4xx: reachable).</summary>
internal sealed class OcspRespondersHealthCheck(IOptions<RevocationOptions> options, IHttpClientFactory clients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        RevocationOptions o = options.Value;
        Uri[] responders = o.Issuers.Select(i => i.OcspUrl).Append(o.OcspResponderUrl).OfType<Uri>().Distinct().ToArray();
        if (responders.Length == 0)
        {
            return HealthCheckResult.Healthy("No OCSP responder is pinned.");
        }

        HttpClient client = clients.CreateClient(HealthProbe.HttpClientName);
        var down = new List<string>();
        foreach (Uri responder in responders)
        {
            HealthCheckResult result = await HealthProbe.ReachableAsync(client, "OCSP responder", responder, HttpMethod.Get, cancellationToken).ConfigureAwait(false);
            if (result.Status != HealthStatus.Healthy)
            {
                down.Add(responder.GetLeftPart(UriPartial.Path));
            }
        }

        var data = new Dictionary<string, object> { ["down"] = down.ToArray() };
        return down.Count == 0
            ? HealthCheckResult.Healthy($"{responders.Length} OCSP responder(s) answer.")
            : HealthCheckResult.Unhealthy($"{down.Count} of {responders.Length} OCSP responder(s) do not answer: {string.Join(", ", down)}.", data: data);
    }
}

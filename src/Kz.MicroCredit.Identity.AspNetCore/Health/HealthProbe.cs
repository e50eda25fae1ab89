using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kz.MicroCredit.Identity.AspNetCore.Health;

/// <summary>Shared reachability probe: any HTTP answer below 500 means the service is there; 5xx, timeouts and network errors do not.</summary>
internal static class HealthProbe
{
    public const string HttpClientName = "Kz.MicroCredit.Identity.Health";

    public static async Task<HealthCheckResult> ReachableAsync(HttpClient client, string service, Uri url, HttpMethod method, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, url);
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            return status < 500
                ? HealthCheckResult.Healthy($"{service} answered HTTP {status}.")
                : HealthCheckResult.Unhealthy($"{service} answered HTTP {status}.");
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"{service} is not reachable ({ex.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{service} did not answer in time.");
        }
    }

    public static HealthCheckResult CertificateValidity(string what, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, DateTimeOffset now, int warningDays)
    {
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var data = new Dictionary<string, object> { ["notAfter"] = notAfter.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
        if (notAfter <= now || notBefore > now)
        {
            return HealthCheckResult.Unhealthy($"{what} is not valid now (valid {notBefore:yyyy-MM-dd} to {notAfter:yyyy-MM-dd}).", data: data);
        }

        return notAfter - now <= TimeSpan.FromDays(warningDays)
            ? HealthCheckResult.Degraded($"{what} expires on {notAfter:yyyy-MM-dd}.", data: data)
            : HealthCheckResult.Healthy($"{what} is valid until {notAfter:yyyy-MM-dd}.", data: data);
    }
}

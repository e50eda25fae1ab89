using System.Diagnostics.Metrics;
using Kz.MicroCredit.Identity.Diagnostics;
using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.DependencyInjection;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>
/// The gauge <c>kzid.revocation.crl_age</c> (seconds since the thisUpdate of each CRL in memory, tagged with the
/// pinned CRL endpoint path, so its values are bounded by configuration). Created with the warm-up service.
/// </summary>
internal sealed class CrlAgeGauge : IDisposable
{
    public const string InstrumentName = "kzid.revocation.crl_age";

    private readonly Meter _meter;

    public CrlAgeGauge(IServiceProvider services, TimeProvider time, IMeterFactory? meters = null)
    {
        _meter = meters?.Create(IdentificationDiagnostics.Name) ?? new Meter(IdentificationDiagnostics.Name);
        _meter.CreateObservableGauge(InstrumentName, () => Observe(services.GetService<HttpCrlSource>(), time), unit: "s", description: "Age of each CRL in memory (now − thisUpdate).");
    }

    public void Dispose()
    {
        _meter.Dispose();
    }

    private static IEnumerable<Measurement<double>> Observe(HttpCrlSource? source, TimeProvider time)
    {
        if (source is null)
        {
            yield break;
        }

        DateTimeOffset now = time.GetUtcNow();
        foreach (CrlSnapshot crl in source.Snapshot())
        {
            if (crl.ThisUpdate is { } issued)
            {
                yield return new Measurement<double>((now - issued).TotalSeconds, new KeyValuePair<string, object?>("kzid.crl", crl.Url.GetLeftPart(UriPartial.Path)));
            }
        }
    }
}

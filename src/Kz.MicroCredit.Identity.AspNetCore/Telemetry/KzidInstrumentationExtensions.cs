using Kz.MicroCredit.Identity.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>Subscribes OpenTelemetry to the SDK's activity source and meter (docs/observability.md).</summary>
public static class KzidInstrumentationExtensions
{
    /// <summary>Adds the <c>Kz.MicroCredit.Identity</c> activity source: spans <c>kzid.identify</c> and <c>kzid.method &lt;id&gt;</c>.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddKzidInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(IdentificationDiagnostics.Name);
    }

    /// <summary>Adds the <c>Kz.MicroCredit.Identity</c> meter: decisions, method outcomes, durations, external-call failures, breaker openings, CRL age.</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddKzidInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(IdentificationDiagnostics.Name);
    }
}

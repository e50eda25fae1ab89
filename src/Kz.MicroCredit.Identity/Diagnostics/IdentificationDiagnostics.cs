using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Kz.MicroCredit.Identity.Diagnostics;

/// <summary>
/// The library's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <see cref="Name"/>. Tags carry method
/// ids, statuses, operations and reason codes only — never personal data.
/// </summary>
public static class IdentificationDiagnostics
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Kz.MicroCredit.Identity";

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(IdentificationDiagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>Gets the meter.</summary>
    public static Meter Meter { get; } = new(Name, typeof(IdentificationDiagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>The bucket boundaries advised for the duration histograms, in seconds: a local EDS check takes milliseconds, a remote call with retries up to a minute.</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    internal static Counter<long> Decisions { get; } = Meter.CreateCounter<long>("kzid.identification.decisions", description: "Identification decisions by policy, operation, status and first reason code.");

    internal static Counter<long> MethodOutcomes { get; } = Meter.CreateCounter<long>("kzid.identification.method_outcomes", description: "Method outcomes by method, status and first reason code.");

    internal static Histogram<double> MethodDuration { get; } = Meter.CreateHistogram(
        "kzid.identification.method_duration", unit: "s", description: "Time a method took.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    internal static Histogram<double> IdentificationDuration { get; } = Meter.CreateHistogram(
        "kzid.identification.duration", unit: "s", description: "Time a whole identification took.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    internal static Counter<long> ExternalCallFailures { get; } = Meter.CreateCounter<long>("kzid.external_call.failures", description: "Failed attempts of calls to an external service (CEID, SmartBridge, liveness vendor), by service.");

    internal static Counter<long> BreakerOpened { get; } = Meter.CreateCounter<long>("kzid.external_call.breaker_opened", description: "Times a circuit breaker opened, by service.");
}

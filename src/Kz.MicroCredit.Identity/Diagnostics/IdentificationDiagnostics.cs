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

    internal static Counter<long> Decisions { get; } = Meter.CreateCounter<long>("kzid.identification.decisions", description: "Identification decisions by policy, operation and status.");

    internal static Counter<long> MethodOutcomes { get; } = Meter.CreateCounter<long>("kzid.identification.method_outcomes", description: "Method outcomes by method and status.");

    internal static Histogram<double> MethodDuration { get; } = Meter.CreateHistogram<double>("kzid.identification.method_duration", unit: "s", description: "Time a method took.");
}

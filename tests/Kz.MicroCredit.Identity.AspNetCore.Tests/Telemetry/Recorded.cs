namespace Kz.MicroCredit.Identity.AspNetCore.Tests.Telemetry;

/// <summary>One measurement seen by the listener: its value (as double) and its tags.</summary>
internal sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

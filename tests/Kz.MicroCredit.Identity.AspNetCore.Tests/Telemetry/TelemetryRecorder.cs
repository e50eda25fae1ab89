using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kz.MicroCredit.Identity.Diagnostics;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.Telemetry;

/// <summary>Listens to the SDK's meter and activity source (by name, as an exporter would) and keeps what it saw.</summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<Recorded> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentDictionary<Instrument, bool> _instruments = new();

    public TelemetryRecorder()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IdentificationDiagnostics.Name)
            {
                _instruments[instrument] = true;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _meters.Start();

        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IdentificationDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public IReadOnlyCollection<Instrument> Instruments => _instruments.Keys.ToArray();

    public IReadOnlyCollection<Activity> Activities => _stopped.ToArray();

    public IEnumerable<Recorded> Measurements(string instrument) => _measurements.Where(m => m.Instrument == instrument);

    public IEnumerable<string> AllTagValues() => _measurements.SelectMany(m => m.Tags.Values).Select(v => v?.ToString() ?? string.Empty);

    /// <summary>Polls the observable instruments (the gauge) once, as a periodic exporter does.</summary>
    public void CollectObservables() => _meters.RecordObservableInstruments();

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new Recorded(instrument.Name, value, copy));
    }
}

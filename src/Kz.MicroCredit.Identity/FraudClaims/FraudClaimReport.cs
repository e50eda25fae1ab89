using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// The regulator's report over a period, in the shape of its letter: claims by source; of those written off (with the
/// credit history corrected) and suspended pending documents (frozen, referred, or confirmed but not yet written off);
/// plus the not-confirmed and just-registered claims so that the parts add up, and a split by identification method.
/// </summary>
public sealed class FraudClaimReport
{
    private FraudClaimReport(DateOnly? receivedFrom, DateOnly? receivedTo)
    {
        ReceivedFrom = receivedFrom;
        ReceivedTo = receivedTo;
    }

    /// <summary>Gets the first receipt date included, or <see langword="null"/> for no lower bound.</summary>
    public DateOnly? ReceivedFrom { get; }

    /// <summary>Gets the last receipt date included, or <see langword="null"/> for no upper bound.</summary>
    public DateOnly? ReceivedTo { get; }

    /// <summary>Gets all claims received in the period.</summary>
    public FraudClaimSourceSplit Claims { get; } = new();

    /// <summary>Gets those written off (<see cref="FraudClaimState.WrittenOff"/> or <see cref="FraudClaimState.CreditHistoryCorrected"/>).</summary>
    public FraudClaimSourceSplit WrittenOff { get; } = new();

    /// <summary>Gets those suspended pending documents (<see cref="FraudClaimState.Frozen"/>, <see cref="FraudClaimState.Referred"/>, <see cref="FraudClaimState.Confirmed"/>).</summary>
    public FraudClaimSourceSplit Suspended { get; } = new();

    /// <summary>Gets those not confirmed (<see cref="FraudClaimState.NotConfirmed"/>).</summary>
    public FraudClaimSourceSplit NotConfirmed { get; } = new();

    /// <summary>Gets those registered but not yet frozen (<see cref="FraudClaimState.Registered"/>).</summary>
    public FraudClaimSourceSplit Registered { get; } = new();

    /// <summary>
    /// Gets the claims by identification method that passed for the disputed loan (a loan identified by two methods counts
    /// under both; <c>no-evidence-report</c> and <c>no-method-passed</c> collect the rest); <see langword="null"/> when no
    /// entry carried identification data (CSV input).
    /// </summary>
    public IReadOnlyDictionary<string, FraudClaimFigures>? ByIdentificationMethod { get; private set; }

    /// <summary>The key of claims whose loan has no evidence report on file.</summary>
    public const string NoEvidenceReportKey = "no-evidence-report";

    /// <summary>The key of claims whose evidence report shows no passed method.</summary>
    public const string NoMethodPassedKey = "no-method-passed";

    /// <summary>The key of claims that carry no identification data while others do.</summary>
    public const string UnknownIdentificationKey = "unknown";

    /// <summary>Builds the report of the entries received in the period (inclusive dates).</summary>
    /// <param name="entries">The claims.</param>
    /// <param name="receivedFrom">The first receipt date included, or <see langword="null"/>.</param>
    /// <param name="receivedTo">The last receipt date included, or <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    public static FraudClaimReport Build(IEnumerable<FraudClaimReportEntry> entries, DateOnly? receivedFrom = null, DateOnly? receivedTo = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (receivedFrom > receivedTo)
        {
            throw new ArgumentException("The period starts after it ends.", nameof(receivedFrom));
        }

        var report = new FraudClaimReport(receivedFrom, receivedTo);
        report.WrittenOff.Citizen.TrackCorrections();
        report.WrittenOff.Police.TrackCorrections();
        var byMethod = new SortedDictionary<string, FraudClaimFigures>(StringComparer.Ordinal);
        bool anyIdentification = false;
        var withoutIdentification = new FraudClaimFigures();
        foreach (FraudClaimReportEntry entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            if (!InPeriod(entry.ReceivedAt, receivedFrom, receivedTo))
            {
                continue;
            }

            report.Claims[entry.Source].Add(entry.AmountKzt);
            switch (entry.State)
            {
                case FraudClaimState.WrittenOff or FraudClaimState.CreditHistoryCorrected:
                    FraudClaimFigures written = report.WrittenOff[entry.Source];
                    written.Add(entry.AmountKzt);
                    written.AddCorrection(entry.State == FraudClaimState.CreditHistoryCorrected ? true : entry.CreditHistoryCorrected);
                    break;
                case FraudClaimState.Frozen or FraudClaimState.Referred or FraudClaimState.Confirmed:
                    report.Suspended[entry.Source].Add(entry.AmountKzt);
                    break;
                case FraudClaimState.NotConfirmed:
                    report.NotConfirmed[entry.Source].Add(entry.AmountKzt);
                    break;
                default:
                    report.Registered[entry.Source].Add(entry.AmountKzt);
                    break;
            }

            if (entry.Identification is not { } identification)
            {
                withoutIdentification.Add(entry.AmountKzt);
                continue;
            }

            anyIdentification = true;
            IReadOnlyList<string> passed = identification.PassedMethods;
            IEnumerable<string> keys = !identification.ReportFound ? [NoEvidenceReportKey] : passed.Count == 0 ? [NoMethodPassedKey] : passed.Distinct(StringComparer.Ordinal);
            foreach (string key in keys)
            {
                if (!byMethod.TryGetValue(key, out FraudClaimFigures? figures))
                {
                    byMethod[key] = figures = new FraudClaimFigures();
                }

                figures.Add(entry.AmountKzt);
            }
        }

        if (anyIdentification)
        {
            if (withoutIdentification.Count > 0)
            {
                byMethod[UnknownIdentificationKey] = withoutIdentification;
            }

            report.ByIdentificationMethod = byMethod;
        }

        return report;
    }

    /// <summary>Gets a value indicating whether a receipt time falls in an inclusive period of calendar dates (the date as recorded, in its own offset).</summary>
    /// <param name="receivedAt">The receipt time.</param>
    /// <param name="receivedFrom">The first date included, or <see langword="null"/>.</param>
    /// <param name="receivedTo">The last date included, or <see langword="null"/>.</param>
    /// <returns>Whether it is in the period.</returns>
    public static bool InPeriod(DateTimeOffset receivedAt, DateOnly? receivedFrom, DateOnly? receivedTo)
    {
        DateOnly date = DateOnly.FromDateTime(receivedAt.DateTime);
        return (receivedFrom is null || date >= receivedFrom) && (receivedTo is null || date <= receivedTo);
    }

    /// <summary>
    /// Writes the report as JSON: <c>claims</c>, <c>written_off</c> and <c>suspended</c>, each with <c>citizen</c> and
    /// <c>police</c> figures <c>{"count", "amount_kzt"}</c>, extended with <c>not_confirmed</c>, <c>registered</c>,
    /// <c>period</c>, <c>credit_history_corrected</c> (when known) and <c>by_identification_method</c> (when known).
    /// </summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON.</returns>
    public string ToJson(bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            WriteSplit(writer, "claims", Claims);
            WriteSplit(writer, "written_off", WrittenOff);
            WriteSplit(writer, "suspended", Suspended);
            WriteSplit(writer, "not_confirmed", NotConfirmed);
            WriteSplit(writer, "registered", Registered);
            writer.WriteStartObject("period");
            WriteDate(writer, "received_from", ReceivedFrom);
            WriteDate(writer, "received_to", ReceivedTo);
            writer.WriteEndObject();
            if (ByIdentificationMethod is { } byMethod)
            {
                writer.WriteStartObject("by_identification_method");
                foreach (KeyValuePair<string, FraudClaimFigures> pair in byMethod)
                {
                    WriteFigures(writer, pair.Key, pair.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes the report as CSV with the header <c>section,key,count,amount_kzt,credit_history_corrected</c>: one row per
    /// section and source, then one per identification method (section <c>by_identification_method</c>).
    /// </summary>
    /// <returns>The CSV text.</returns>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append("section,key,count,amount_kzt,credit_history_corrected\n");
        foreach ((string name, FraudClaimSourceSplit split) in Sections())
        {
            CsvRow(sb, name, "citizen", split.Citizen);
            CsvRow(sb, name, "police", split.Police);
        }

        foreach (KeyValuePair<string, FraudClaimFigures> pair in ByIdentificationMethod ?? new Dictionary<string, FraudClaimFigures>())
        {
            CsvRow(sb, "by_identification_method", pair.Key, pair.Value);
        }

        return sb.ToString();
    }

    /// <summary>Writes a short human-readable table.</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        var sb = new StringBuilder();
        string period = string.Create(CultureInfo.InvariantCulture, $"{(ReceivedFrom is { } f ? f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "…")} .. {(ReceivedTo is { } t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "…")}");
        sb.Append("Fraud claims received ").Append(period).Append(" (inclusive)\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"",-15}{"citizen",8}{"amount KZT",16}{"police",8}{"amount KZT",16}\n");
        foreach ((string name, FraudClaimSourceSplit split) in Sections())
        {
            sb.Append(CultureInfo.InvariantCulture, $"{name.Replace('_', ' '),-15}{split.Citizen.Count,8}{FormatAmount(split.Citizen.AmountKzt),16}{split.Police.Count,8}{FormatAmount(split.Police.AmountKzt),16}\n");
        }

        if (ByIdentificationMethod is { } byMethod)
        {
            sb.Append("by identification method:\n");
            foreach (KeyValuePair<string, FraudClaimFigures> pair in byMethod)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {pair.Key,-21}{pair.Value.Count,8}{FormatAmount(pair.Value.AmountKzt),16}\n");
            }
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"FraudClaimReport {{ Claims = {Claims.Citizen.Count}+{Claims.Police.Count} }}");

    internal static string FormatAmount(decimal amount) => decimal.Round(amount, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private IEnumerable<(string Name, FraudClaimSourceSplit Split)> Sections() =>
    [
        ("claims", Claims),
        ("written_off", WrittenOff),
        ("suspended", Suspended),
        ("not_confirmed", NotConfirmed),
        ("registered", Registered),
    ];

    private static void CsvRow(StringBuilder sb, string section, string key, FraudClaimFigures figures) =>
        sb.Append(CultureInfo.InvariantCulture, $"{section},{key},{figures.Count},{FormatAmount(figures.AmountKzt)},{figures.CreditHistoryCorrected}\n");

    private static void WriteSplit(Utf8JsonWriter writer, string name, FraudClaimSourceSplit split)
    {
        writer.WriteStartObject(name);
        WriteFigures(writer, "citizen", split.Citizen);
        WriteFigures(writer, "police", split.Police);
        writer.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter writer, string name, FraudClaimFigures figures)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("count", figures.Count);
        writer.WriteNumber("amount_kzt", decimal.Parse(FormatAmount(figures.AmountKzt), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        if (figures.CreditHistoryCorrected is { } corrected)
        {
            writer.WriteNumber("credit_history_corrected", corrected);
        }

        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? date)
    {
        if (date is { } d)
        {
            writer.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

using System.Globalization;
using System.Text;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// Reads and writes the claims CSV of <c>kzid fraud report</c>: header exactly
/// <c>claim_id,loan_id,source,amount_kzt,received_at,state</c>; <c>source</c> ∈ <c>citizen</c>, <c>police</c>;
/// <c>state</c> ∈ <c>registered</c>, <c>frozen</c>, <c>referred</c>, <c>confirmed</c>, <c>written_off</c>,
/// <c>not_confirmed</c>; <c>amount_kzt</c> positive with a dot and at most two decimals; <c>received_at</c> ISO-8601
/// (<c>yyyy-MM-dd</c>, or a date and time with an optional <c>Z</c>/<c>±hh:mm</c> offset; without one, UTC).
/// Fields may be double-quoted; blank lines are skipped.
/// </summary>
internal static class FraudClaimCsv
{
    /// <summary>The exact header line.</summary>
    public const string Header = "claim_id,loan_id,source,amount_kzt,received_at,state";

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Reads the whole CSV, collecting every problem with its 1-based line number.</summary>
    /// <param name="reader">The text.</param>
    /// <returns>The entries and the problems; use the entries only when <see cref="FraudClaimCsvReadResult.IsValid"/>.</returns>
    public static FraudClaimCsvReadResult Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<FraudClaimReportEntry>();
        var errors = new List<FraudClaimCsvError>();
        string? header = reader.ReadLine();
        if (header is null)
        {
            errors.Add(new FraudClaimCsvError(1, null, "the file is empty; expected the header " + Header));
            return new FraudClaimCsvReadResult(entries, errors);
        }

        if (!string.Equals(header.TrimStart('\uFEFF').TrimEnd(), Header, StringComparison.Ordinal))
        {
            errors.Add(new FraudClaimCsvError(1, null, "the header is not exactly " + Header));
            return new FraudClaimCsvReadResult(entries, errors);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (ParseRow(line, lineNumber, seen, errors) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return new FraudClaimCsvReadResult(entries, errors);
    }

    /// <summary>Writes entries as the CSV (a <see cref="FraudClaimState.CreditHistoryCorrected"/> claim is <c>written_off</c>).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="entries">The entries.</param>
    public static void Write(TextWriter writer, IEnumerable<FraudClaimReportEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        writer.Write(Header);
        writer.Write('\n');
        foreach (FraudClaimReportEntry e in entries)
        {
            writer.Write(string.Join(
                ',',
                Quote(e.ClaimId),
                Quote(e.LoanId),
                SourceName(e.Source),
                e.AmountKzt.ToString("0.00", CultureInfo.InvariantCulture),
                e.ReceivedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                StateName(e.State)));
            writer.Write('\n');
        }
    }

    /// <summary>Gets the CSV name of a source: <c>citizen</c> or <c>police</c>.</summary>
    /// <param name="source">The source.</param>
    /// <returns>The name.</returns>
    public static string SourceName(FraudClaimSource source) => source switch
    {
        FraudClaimSource.CitizenComplaint => "citizen",
        FraudClaimSource.LawEnforcementNotice => "police",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>Gets the CSV name of a state (<see cref="FraudClaimState.CreditHistoryCorrected"/> is <c>written_off</c>).</summary>
    /// <param name="state">The state.</param>
    /// <returns>The name.</returns>
    public static string StateName(FraudClaimState state) => state switch
    {
        FraudClaimState.Registered => "registered",
        FraudClaimState.Frozen => "frozen",
        FraudClaimState.Referred => "referred",
        FraudClaimState.Confirmed => "confirmed",
        FraudClaimState.WrittenOff or FraudClaimState.CreditHistoryCorrected => "written_off",
        FraudClaimState.NotConfirmed => "not_confirmed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>Parses an ISO-8601 receipt time as the CSV accepts it.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The time.</param>
    /// <returns>Whether the text is accepted.</returns>
    public static bool TryParseReceivedAt(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>Parses an amount in tenge: digits, an optional dot and at most two decimals, positive.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The amount.</param>
    /// <returns>Whether the text is accepted.</returns>
    public static bool TryParseAmount(string? text, out decimal value)
    {
        value = 0m;
        if (string.IsNullOrEmpty(text) || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]))
        {
            return false;
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && text.Length - dot - 1 > 2)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value > 0m;
    }

    private static FraudClaimReportEntry? ParseRow(string line, int lineNumber, Dictionary<string, int> seen, List<FraudClaimCsvError> errors)
    {
        List<string>? fields = SplitFields(line);
        if (fields is null)
        {
            errors.Add(new FraudClaimCsvError(lineNumber, null, "an unterminated quoted field"));
            return null;
        }

        if (fields.Count != 6)
        {
            errors.Add(new FraudClaimCsvError(lineNumber, null, string.Create(CultureInfo.InvariantCulture, $"expected 6 columns, found {fields.Count}")));
            return null;
        }

        int before = errors.Count;
        string claimId = fields[0].Trim();
        string loanId = fields[1].Trim();
        if (claimId.Length == 0)
        {
            errors.Add(new FraudClaimCsvError(lineNumber, "claim_id", "is empty"));
        }
        else if (seen.TryGetValue(claimId, out int first))
        {
            errors.Add(new FraudClaimCsvError(lineNumber, "claim_id", string.Create(CultureInfo.InvariantCulture, $"repeats the claim of line {first}")));
        }
        else
        {
            seen[claimId] = lineNumber;
        }

        if (loanId.Length == 0)
        {
            errors.Add(new FraudClaimCsvError(lineNumber, "loan_id", "is empty"));
        }

        FraudClaimSource? source = fields[2].Trim() switch
        {
            "citizen" => FraudClaimSource.CitizenComplaint,
            "police" => FraudClaimSource.LawEnforcementNotice,
            _ => null,
        };
        if (source is null)
        {
            errors.Add(new FraudClaimCsvError(lineNumber, "source", "is not citizen or police"));
        }

        if (!TryParseAmount(fields[3].Trim(), out decimal amount))
        {
            errors.Add(new FraudClaimCsvError(lineNumber, "amount_kzt", "is not a positive amount with a dot and at most two decimals"));
        }

        if (!TryParseReceivedAt(fields[4].Trim(), out DateTimeOffset receivedAt))
        {
            errors.Add(new FraudClaimCsvError(lineNumber, "received_at", "is not an ISO-8601 date or date-time"));
        }

        FraudClaimState? state = fields[5].Trim() switch
        {
            "registered" => FraudClaimState.Registered,
            "frozen" => FraudClaimState.Frozen,
            "referred" => FraudClaimState.Referred,
            "confirmed" => FraudClaimState.Confirmed,
            "written_off" => FraudClaimState.WrittenOff,
            "not_confirmed" => FraudClaimState.NotConfirmed,
            _ => null,
        };
        if (state is null)
        {
            errors.Add(new FraudClaimCsvError(lineNumber, "state", "is not registered, frozen, referred, confirmed, written_off or not_confirmed"));
        }

        if (errors.Count != before)
        {
            return null;
        }

        return new FraudClaimReportEntry
        {
            ClaimId = claimId,
            LoanId = loanId,
            Source = source!.Value,
            AmountKzt = amount,
            ReceivedAt = receivedAt,
            State = state!.Value,
            CreditHistoryCorrected = null,
        };
    }

    private static List<string>? SplitFields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.ToString().Trim().Length == 0)
            {
                current.Clear();
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(current.ToString());
        return fields;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}

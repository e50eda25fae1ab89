using System.Globalization;
using Kz.MicroCredit.Identity.FraudClaims;

namespace Kz.MicroCredit.Identity.Cli;

/// <summary>The <c>kzid fraud</c> command group.</summary>
internal static class FraudClaimsCommands
{
    private const string Usage = """
        usage: kzid fraud report --claims <file.csv> [--from <yyyy-MM-dd>] [--to <yyyy-MM-dd>] [--json]
          CSV header: claim_id,loan_id,source,amount_kzt,received_at,state
          --from/--to filter on the calendar date of received_at, both inclusive.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        if (args[0] is "-h" or "--help")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return KzidApp.ExitOk;
        }

        if (args[0] != "report")
        {
            await stderr.WriteLineAsync($"kzid fraud: unknown command '{args[0]}'.{Environment.NewLine}{Usage}").ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        return await ReportAsync(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReportAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string? claims = null;
        DateOnly? from = null;
        DateOnly? to = null;
        bool json = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return KzidApp.ExitOk;
                case "--json" when !json:
                    json = true;
                    continue;
                case "--claims" or "--from" or "--to":
                    if (i + 1 >= args.Length)
                    {
                        return await UsageErrorAsync(stderr, $"{arg} needs a value.").ConfigureAwait(false);
                    }

                    string value = args[++i];
                    if (arg == "--claims")
                    {
                        if (claims is not null || value.Length == 0)
                        {
                            return await UsageErrorAsync(stderr, "--claims is given twice or empty.").ConfigureAwait(false);
                        }

                        claims = value;
                        continue;
                    }

                    if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
                        || (arg == "--from" ? from : to) is not null)
                    {
                        return await UsageErrorAsync(stderr, $"{arg} takes one date as yyyy-MM-dd.").ConfigureAwait(false);
                    }

                    if (arg == "--from")
                    {
                        from = date;
                    }
                    else
                    {
                        to = date;
                    }

                    continue;
                default:
                    return await UsageErrorAsync(stderr, $"unexpected argument '{arg}'.").ConfigureAwait(false);
            }
        }

        if (claims is null)
        {
            return await UsageErrorAsync(stderr, "--claims <file.csv> is required.").ConfigureAwait(false);
        }

        if (from > to)
        {
            return await UsageErrorAsync(stderr, "--from is after --to.").ConfigureAwait(false);
        }

        FraudClaimCsvReadResult read;
        try
        {
            using var reader = new StreamReader(claims, detectEncodingFromByteOrderMarks: true);
            read = FraudClaimCsv.Read(reader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"kzid fraud: cannot read the claims file ({ex.GetType().Name}).").ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!read.IsValid)
        {
            foreach (FraudClaimCsvError error in read.Errors)
            {
                await stderr.WriteLineAsync($"kzid fraud: {error}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"kzid fraud: {read.Errors.Count} malformed line(s); no report.")).ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        FraudClaimReport report = FraudClaimReport.Build(read.Entries, from, to);
        await stdout.WriteAsync(json ? report.ToJson() + Environment.NewLine : report.ToText()).ConfigureAwait(false);
        return KzidApp.ExitOk;
    }

    private static async Task<int> UsageErrorAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"kzid fraud report: {message}{Environment.NewLine}{Usage}").ConfigureAwait(false);
        return KzidApp.ExitUsage;
    }
}

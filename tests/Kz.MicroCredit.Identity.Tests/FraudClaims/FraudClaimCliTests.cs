using Xunit;
namespace Kz.MicroCredit.Identity.Tests.FraudClaims;

public sealed class FraudClaimCliTests : IDisposable
{
    private const string Header = "claim_id,loan_id,source,amount_kzt,received_at,state";
    private readonly string _dir = Directory.CreateTempSubdirectory("kzid-fraud-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(params string[] lines)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public static TheoryData<string, string[], int[]> Malformed() => new()
    {
        { "bad source", [Header, "C1,L1,citizen,100.00,2022-01-05,frozen", "C2,L2,bank,100.00,2022-01-05,frozen"], [3] },
        { "amount with a decimal comma", [Header, "C1,L1,citizen,\"100,50\",2022-01-05,frozen", "C2,L2,police,100.50,2022-01-05,frozen"], [2] },
        { "amount with three decimals", [Header, "C1,L1,citizen,100.505,2022-01-05,frozen"], [2] },
        { "negative amount", [Header, "C1,L1,citizen,-5,2022-01-05,frozen"], [2] },
        { "bad date", [Header, "C1,L1,citizen,100,2022-01-05,frozen", "C2,L2,citizen,100,05.01.2022,frozen", "C3,L3,citizen,100,2022-02-30,frozen"], [3, 4] },
        { "wrong column count", [Header, "C1,L1,citizen,100,2022-01-05", "C2,L2,citizen,100,2022-01-05,frozen,extra", "C3,L3,citizen,100,2022-01-05,frozen"], [2, 3] },
        { "unknown state", [Header, "C1,L1,citizen,100,2022-01-05,closed"], [2] },
        { "duplicate claim id", [Header, "C1,L1,citizen,100,2022-01-05,frozen", "C1,L2,citizen,100,2022-01-05,frozen"], [3] },
        { "wrong header", ["claim,loan,source,amount,received,state", "C1,L1,citizen,100,2022-01-05,frozen"], [1] },
        { "header in another order", ["loan_id,claim_id,source,amount_kzt,received_at,state", "C1,L1,citizen,100,2022-01-05,frozen"], [1] },
        { "empty file", [""], [1] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_rows_exit_2_with_their_line_numbers_and_nothing_on_stdout(string name, string[] lines, int[] badLines)
    {
        _ = name;
        string path = name == "empty file" ? WriteEmpty() : Csv(lines);
        (int code, string stdout, string stderr) = await FraudClaimReportTests.RunAsync("fraud", "report", "--claims", path, "--json");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        int[] reported = System.Text.RegularExpressions.Regex.Matches(stderr, @"line (\d+):").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToArray();
        Assert.Equal(badLines, reported);
        Assert.Contains("no report", stderr, StringComparison.Ordinal);
    }

    private string WriteEmpty()
    {
        string path = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(path, string.Empty);
        return path;
    }

    [Fact]
    public async Task Errors_name_the_column_but_never_echo_the_value()
    {
        string path = Csv(Header, "C1,L1,880912300763,100,2022-01-05,frozen");
        (_, _, string stderr) = await FraudClaimReportTests.RunAsync("fraud", "report", "--claims", path);
        Assert.Contains("line 2: source", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("880912300763", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Well_formed_variants_are_accepted()
    {
        string path = Csv(
            "\uFEFF" + Header,
            "\"C,1\",L1,citizen,100,2022-01-05T10:00:00Z,registered",
            string.Empty,
            "C2,\"L \"\"2\"\"\",police,0.5,2022-01-05T10:00:00.123+05:00,not_confirmed",
            "C3,L3,police,20.25,2022-01-05T10:00+06:00,referred");
        (int code, string stdout, string stderr) = await FraudClaimReportTests.RunAsync("fraud", "report", "--claims", path, "--json");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(1, json.RootElement.GetProperty("claims").GetProperty("citizen").GetProperty("count").GetInt32());
        Assert.Equal(20.75m, json.RootElement.GetProperty("claims").GetProperty("police").GetProperty("amount_kzt").GetDecimal());
        Assert.Equal(20.25m, json.RootElement.GetProperty("suspended").GetProperty("police").GetProperty("amount_kzt").GetDecimal());
        Assert.Equal(0, json.RootElement.GetProperty("written_off").GetProperty("police").GetProperty("count").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("not_confirmed").GetProperty("police").GetProperty("count").GetInt32());
    }

    public static TheoryData<string[]> BadArguments() => new()
    {
        new[] { "fraud" },
        new[] { "fraud", "summary" },
        new[] { "fraud", "report" },
        new[] { "fraud", "report", "--claims" },
        new[] { "fraud", "report", "--claims", "x.csv", "--from", "2022-13-01" },
        new[] { "fraud", "report", "--claims", "x.csv", "--to", "31.03.2022" },
        new[] { "fraud", "report", "--claims", "x.csv", "--from", "2022-04-01", "--to", "2022-03-31" },
        new[] { "fraud", "report", "--claims", "x.csv", "--csv" },
        new[] { "fraud", "report", "--claims", "x.csv", "--json", "--json" },
        new[] { "fraud", "report", "--claims", "does-not-exist.csv" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_exit_2_with_nothing_on_stdout(string[] args)
    {
        string[] resolved = args.Select(a => a == "x.csv" ? Csv(Header, "C1,L1,citizen,100,2022-01-05,frozen") : a == "does-not-exist.csv" ? Path.Combine(_dir, a) : a).ToArray();
        (int code, string stdout, string stderr) = await FraudClaimReportTests.RunAsync(resolved);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        (int code, string stdout, _) = await FraudClaimReportTests.RunAsync("fraud", "report", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--claims", stdout, StringComparison.Ordinal);
    }
}

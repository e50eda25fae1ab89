using System.Text.RegularExpressions;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Architecture;

/// <summary>
/// The fact keys of the evidence report are a persisted contract (docs/evidence-report.md, "Fact keys"): every key
/// the code writes must be listed there under its method, and every key follows the one casing convention.
/// </summary>
public sealed partial class EvidenceKeyContractTests
{
    // Folder of src/Kz.MicroCredit.Identity → section of docs/evidence-report.md.
    public static TheoryData<string, string> Methods => new()
    {
        { "Eds", "`nca-eds`" },
        { "Eds/Revocation", "Revocation checker facts" },
        { "Biometrics", "`kcmr-biometrics`" },
        { "RealTimePhoto", "`realtime-photo`" },
        { "PhoneOwnership", "`egov-phone-ownership`" },
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_key_the_code_writes_is_documented_under_its_method(string folder, string section)
    {
        HashSet<string> documented = DocumentedKeys(section);
        Assert.NotEmpty(documented);

        string directory = Path.Combine(RepositoryRoot(), "src", "Kz.MicroCredit.Identity", folder);
        var written = Directory.EnumerateFiles(directory, "*.cs")
            .SelectMany(f => KeyWrite().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(written);

        var undocumented = written.Where(k => !documented.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(undocumented.Count == 0, $"Keys written in {folder}/ but not listed under {section} in docs/evidence-report.md: " + string.Join(", ", undocumented));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_documented_key_follows_the_casing_convention(string folder, string section)
    {
        _ = folder;
        var wrong = DocumentedKeys(section).Where(k => !Convention().IsMatch(k)).ToList();
        Assert.True(wrong.Count == 0, "Keys not in lower-case dotted kebab form: " + string.Join(", ", wrong));
    }

    private static HashSet<string> DocumentedKeys(string section)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "evidence-report.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("### ", StringComparison.Ordinal) && l.Contains(section, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/evidence-report.md has no section {section}");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = start + 1; i < lines.Length && !lines[i].StartsWith('#'); i++)
        {
            foreach (Match m in Backticked().Matches(lines[i]))
            {
                keys.Add(m.Groups[1].Value);
            }
        }

        return keys;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Kz.MicroCredit.Identity.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found above the test output.");
    }

    // Literal keys written through MethodEvidenceBuilder.Set("…") or a facts dictionary (facts["…"] = …).
    [GeneratedRegex(@"(?:\.Set\(|facts\[)""(?<key>[A-Za-z][A-Za-z0-9.-]*)""")]
    private static partial Regex KeyWrite();

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$")]
    private static partial Regex Convention();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Backticked();
}

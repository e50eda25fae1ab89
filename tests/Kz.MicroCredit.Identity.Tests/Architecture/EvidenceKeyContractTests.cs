using System.Text.RegularExpressions;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Architecture;

/// <summary>
/// The fact keys of the evidence report are a persisted contract (docs/evidence-report.md, "Fact keys"): each method
/// declares its keys (and the names of the inputs it digests) as constants in one <c>…EvidenceKeys</c> class next to
/// it, the constants and the documented list must agree in both directions, every key follows the one casing
/// convention, and no call site writes a key as a string literal.
/// </summary>
public sealed partial class EvidenceKeyContractTests
{
    // Folder of src/Kz.MicroCredit.Identity → section of docs/evidence-report.md → the folder's constants class.
    private static readonly (string Folder, string Section, Type Keys)[] Contract =
    [
        ("Eds", "`nca-eds`", typeof(global::Kz.MicroCredit.Identity.Eds.NcaEdsEvidenceKeys)),
        ("Eds/Revocation", "Revocation checker facts", typeof(global::Kz.MicroCredit.Identity.Eds.RevocationEvidenceKeys)),
        ("Biometrics", "`kcmr-biometrics`", typeof(global::Kz.MicroCredit.Identity.Biometrics.KcmrBiometricsEvidenceKeys)),
        ("RealTimePhoto", "`realtime-photo`", typeof(global::Kz.MicroCredit.Identity.RealTimePhoto.RealTimePhotoEvidenceKeys)),
        ("PhoneOwnership", "`egov-phone-ownership`", typeof(global::Kz.MicroCredit.Identity.PhoneOwnership.EGovPhoneOwnershipEvidenceKeys)),
    ];

    public static TheoryData<string, string> Methods
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach ((string folder, string section, _) in Contract)
            {
                data.Add(folder, section);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_key_constant_is_documented_under_its_method(string folder, string section)
    {
        HashSet<string> documented = DocumentedKeys(section);
        Assert.NotEmpty(documented);

        Dictionary<string, string> constants = KeyConstants(folder);
        Assert.NotEmpty(constants);

        var undocumented = constants.Where(c => !documented.Contains(c.Value)).Select(c => $"{c.Key} = \"{c.Value}\"").Order(StringComparer.Ordinal).ToList();
        Assert.True(undocumented.Count == 0, $"Keys declared for {folder}/ but not listed under {section} in docs/evidence-report.md: " + string.Join(", ", undocumented));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_documented_key_has_a_constant(string folder, string section)
    {
        var declared = KeyConstants(folder).Values.ToHashSet(StringComparer.Ordinal);
        var missing = DocumentedKeys(section).Where(k => !declared.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"Keys listed under {section} in docs/evidence-report.md without a constant in {folder}/: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void No_call_site_writes_a_literal_key(string folder, string section)
    {
        _ = section;
        string directory = Path.Combine(RepositoryRoot(), "src", "Kz.MicroCredit.Identity", folder);
        var literals = Directory.EnumerateFiles(directory, "*.cs")
            .SelectMany(f => KeyWrite().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();
        Assert.True(literals.Count == 0, $"Evidence keys written as string literals in {folder}/ (use the folder's …EvidenceKeys constants): " + string.Join(", ", literals));
    }

    [Fact]
    public void The_literal_key_detector_sees_the_shapes_it_guards_against()
    {
        // Guards the guard: the pattern must match each way a key can be written, or the test above passes vacuously.
        Assert.Matches(KeyWrite(), "context.Evidence.Set(\"flow\", \"direct\")");
        Assert.Matches(KeyWrite(), "facts[\"ocsp.url\"] = url;");
        Assert.Matches(KeyWrite(), "facts.Digest(\"signature\", bytes)");
        Assert.Matches(KeyWrite(), "Facts = new Dictionary<string, string> { [\"ocsp.url\"] = url, [\"ocsp.error\"] = error }");
        Assert.DoesNotMatch(KeyWrite(), "facts.Set(NcaEdsEvidenceKeys.SigningTime, value)");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_documented_key_follows_the_casing_convention(string folder, string section)
    {
        _ = folder;
        var wrong = DocumentedKeys(section).Where(k => !Convention().IsMatch(k)).ToList();
        Assert.True(wrong.Count == 0, "Keys not in lower-case dotted kebab form: " + string.Join(", ", wrong));
    }

    // Name → key of the public constants of the folder's …EvidenceKeys class.
    private static Dictionary<string, string> KeyConstants(string folder)
    {
        Type keys = Contract.Single(c => c.Folder == folder).Keys;
        return keys.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);
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

    // Literal keys written through MethodEvidenceBuilder.Set("…")/Digest("…") or a facts dictionary (facts["…"] = …).
    [GeneratedRegex(@"(?:\.Set\(|\.Digest\(|[Ff]acts\[|[{,]\s*\[)""(?<key>[A-Za-z][A-Za-z0-9.-]*)""")]
    private static partial Regex KeyWrite();

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$")]
    private static partial Regex Convention();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Backticked();
}

// Fuzz targets for the parsers that take attacker input (see Targets.cs):
//   cms  — EdsInput.TryDecode + NcaCmsVerifier.Verify
//   xml  — SafeXml.Load + NcaXmlSignatureVerifier.Verify
//   cert — X509 loading + NcaCertificateInfo + path building
// Two modes (docs/eds.md "Tests and fuzzing"):
//   kzid-fuzz <target>                        coverage-guided, under a libFuzzer driver (SharpFuzz)
//   kzid-fuzz <cms|xml|cert|all> --seconds N  built-in random mutation loop, no native driver needed
//       [--corpus <dir>] [--findings <dir>] [--seed S] [--hang-ms M] [--strict]
//   kzid-fuzz <target> --replay <file|dir> [--stacks] [--strict]   run saved inputs once (--stacks: print the frames)
//   kzid-fuzz <target> --afl [--strict]       coverage-guided, under afl-fuzz (SharpFuzz out-of-process fork server;
//                                             input on stdin; see afl.sh)
//   kzid-fuzz <cms|xml|cert|all> --export-corpus <dir> [--corpus <dir>] [--max-bytes B]
//                                             write the seeds sorted per target to <dir>/<target>/
using System.Globalization;
using Kz.MicroCredit.Identity.Fuzz;
using SharpFuzz;

if (args.Length <= 1)
{
    string name = args.Length > 0 ? args[0] : "xml";
    if (!Targets.TryGet(name, out Action<ReadOnlySpan<byte>> target))
    {
        return Usage();
    }

    Fuzzer.LibFuzzer.Run(data => target(data));
    return 0;
}

string which = args[0];
int? seconds = null;
string? corpus = null;
string? findingsRoot = null;
string? replay = null;
int seed = Random.Shared.Next();
int hangMs = 2000;
bool stacks = false;
bool strict = false;
bool afl = false;
string? exportCorpus = null;
int maxBytes = 1 << 20;
for (int i = 1; i < args.Length; i++)
{
    string? value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--seconds" when int.TryParse(value, CultureInfo.InvariantCulture, out int s) && s > 0:
            seconds = s;
            break;
        case "--corpus" when value is not null:
            corpus = value;
            break;
        case "--findings" when value is not null:
            findingsRoot = value;
            break;
        case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out int s):
            seed = s;
            break;
        case "--hang-ms" when int.TryParse(value, CultureInfo.InvariantCulture, out int h) && h > 0:
            hangMs = h;
            break;
        case "--stacks":
            stacks = true;
            i--;
            break;
        case "--strict":
            strict = true;
            i--;
            break;
        case "--replay" when value is not null:
            replay = value;
            break;
        case "--afl":
            afl = true;
            i--;
            break;
        case "--export-corpus" when value is not null:
            exportCorpus = value;
            break;
        case "--max-bytes" when int.TryParse(value, CultureInfo.InvariantCulture, out int b) && b > 0:
            maxBytes = b;
            break;
        default:
            return Usage();
    }

    i++;
}

string[] names = which == "all" ? Targets.Names : [which];
int modes = (seconds is not null ? 1 : 0) + (replay is not null ? 1 : 0) + (afl ? 1 : 0) + (exportCorpus is not null ? 1 : 0);
if (names.Any(n => !Targets.TryGet(n, out _)) || modes != 1 || ((replay is not null || afl) && which == "all"))
{
    return Usage();
}

if (afl)
{
    // afl-fuzz starts this process as the fork server; SharpFuzz restarts the worker process when an input kills it
    // (stack overflow) or afl-fuzz kills it on its timeout. Outside afl-fuzz it runs stdin once.
    Targets.TryGet(which, out Action<ReadOnlySpan<byte>> aflTarget);
    Action<ReadOnlySpan<byte>> driven = MutationFuzzer.ForDriver(aflTarget, strict);
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using MemoryStream buffer = new();
        stream.CopyTo(buffer);
        driven(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

corpus ??= SeedCorpus.DefaultCorpus();
if (exportCorpus is not null)
{
    if (corpus is null || !Directory.Exists(corpus))
    {
        Console.Error.WriteLine("no seed corpus: pass --corpus <dir>");
        return 2;
    }

    foreach (string name in names)
    {
        int written = SeedCorpus.Export(corpus, name, Path.Combine(exportCorpus, name), maxBytes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export {name}: {written} seeds -> {Path.Combine(exportCorpus, name)}"));
    }

    return 0;
}

findingsRoot ??= Path.Combine(SeedCorpus.FindRepoRoot() ?? Directory.GetCurrentDirectory(), "artifacts", "fuzz-findings");
int failures = 0;
foreach (string name in names)
{
    Targets.TryGet(name, out Action<ReadOnlySpan<byte>> target);
    MutationFuzzer fuzzer = new(name, target, Console.Out)
    {
        FindingsDirectory = Path.Combine(findingsRoot, name),
        HangLimit = TimeSpan.FromMilliseconds(hangMs),
        ShowStackOnReplay = stacks,
        Strict = strict,
    };
    if (replay is not null)
    {
        failures += fuzzer.Replay(replay);
        continue;
    }

    if (corpus is null || !Directory.Exists(corpus))
    {
        Console.Error.WriteLine("no seed corpus: pass --corpus <dir>");
        return 2;
    }

    List<byte[]> seeds = SeedCorpus.Load(corpus, name);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {name}: seed {seed}, {seeds.Count} seed inputs, {seconds} s, hang limit {hangMs} ms"));
    failures += fuzzer.Fuzz(seeds, TimeSpan.FromSeconds(seconds!.Value), seed);
}

return failures > 0 ? 1 : 0;

static int Usage()
{
    Console.Error.WriteLine("usage: kzid-fuzz <cms|xml|cert>                 (under a libFuzzer driver)");
    Console.Error.WriteLine("       kzid-fuzz <cms|xml|cert|all> --seconds N [--corpus <dir>] [--findings <dir>] [--seed S] [--hang-ms M] [--strict]");
    Console.Error.WriteLine("       kzid-fuzz <cms|xml|cert> --replay <file|dir> [--stacks] [--strict]");
    Console.Error.WriteLine("       kzid-fuzz <cms|xml|cert> --afl [--strict]          (under afl-fuzz; see afl.sh)");
    Console.Error.WriteLine("       kzid-fuzz <cms|xml|cert|all> --export-corpus <dir> [--corpus <dir>] [--max-bytes B]");
    return 2;
}

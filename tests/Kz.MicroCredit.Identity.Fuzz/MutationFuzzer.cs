using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Kz.MicroCredit.Identity.Fuzz;

/// <summary>
/// The built-in, driver-free mode: random mutations of a seed corpus, time-boxed. A finding is any exception escaping
/// the target or any input running longer than the hang limit. Each input is written to <c>.current</c> in the
/// findings directory before it runs, so a process-killing failure (stack overflow) or a hang leaves it on disk.
/// </summary>
internal sealed class MutationFuzzer(string target, Action<ReadOnlySpan<byte>> run, TextWriter output)
{
    private const int MaxSavedPerSignature = 3;

    private readonly Dictionary<string, int> signatures = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private byte[]? current;
    private long currentStart;
    private long currentGeneration;
    private long reportedGeneration = -1;
    private int findings;

    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(2);

    public required string FindingsDirectory { get; init; }

    public bool ShowStackOnReplay { get; init; }

    /// <summary>
    /// Also report programming-error exceptions (null reference, index out of range, invalid cast, argument out of
    /// range, key not found, divide by zero) thrown inside our library even when a fail-closed catch turns them into a
    /// reason code: the result is safe, but the parser has a bug the catch hides.
    /// </summary>
    public bool Strict { get; init; }

    [ThreadStatic]
    private static string? maskedInRun;

    [ThreadStatic]
    private static bool inRun;

    private static void OnFirstChance(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
    {
        if (!inRun || maskedInRun is not null
            || e.Exception is not (NullReferenceException or IndexOutOfRangeException or InvalidCastException or ArgumentOutOfRangeException
                or KeyNotFoundException or DivideByZeroException))
        {
            return;
        }

        // the current stack still holds the throwing frame and its callers
        StackFrame[] frames = new StackTrace(1, false).GetFrames();
        MethodBase? throwing = frames.Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType != typeof(MutationFuzzer));
        MethodBase? own = frames.Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("Kz.MicroCredit.Identity", StringComparison.Ordinal) == true
            && m.DeclaringType.Namespace != typeof(MutationFuzzer).Namespace);

        // System.Xml's reader raises and handles some of these itself while recovering from bad input (e.g. an
        // ArgumentOutOfRangeException from the decoder inside XmlTextReaderImpl.InvalidCharRecovery, which it turns
        // into XmlException): a first-chance exception under a System.Xml frame is not ours.
        bool underXmlReader = frames
            .Select(f => f.GetMethod())
            .TakeWhile(m => m != own)
            .Any(m => m?.DeclaringType?.Namespace?.StartsWith("System.Xml", StringComparison.Ordinal) == true);
        if (own is not null && !underXmlReader)
        {
            maskedInRun = $"{e.Exception.GetType().FullName} at {Name(throwing)} (in {Name(own)})";
        }
    }

    /// <summary>
    /// Wraps a target for an external driver (AFL): with <paramref name="strict"/>, a programming-error exception that a
    /// fail-closed catch inside the library swallowed is reported after the run as an <see cref="InvalidOperationException"/> naming it, so
    /// the driver records the input as a crash, the same rule as <see cref="Strict"/> in the built-in loop.
    /// </summary>
    public static Action<ReadOnlySpan<byte>> ForDriver(Action<ReadOnlySpan<byte>> run, bool strict)
    {
        if (!strict)
        {
            return run;
        }

        AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
        return data =>
        {
            maskedInRun = null;
            inRun = true;
            try
            {
                run(data);
            }
            finally
            {
                inRun = false;
            }

            if (maskedInRun is { } masked)
            {
                throw new InvalidOperationException("masked " + masked);
            }
        };
    }

    private string CurrentPath => Path.Combine(FindingsDirectory, ".current");

    /// <summary>Runs the time-boxed loop; returns the number of distinct findings.</summary>
    public int Fuzz(IReadOnlyList<byte[]> seeds, TimeSpan duration, int seed)
    {
        Directory.CreateDirectory(FindingsDirectory);
        RecoverLeftover();
        if (seeds.Count == 0)
        {
            output.WriteLine($"fuzz {target}: no seeds");
            return 0;
        }

        if (Strict)
        {
            AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
        }

        Mutator mutator = new(new Random(seed), seeds, asn1: target is "cms" or "cert", xml: target == "xml");
        using SafeFileHandle handle = File.OpenHandle(CurrentPath, FileMode.Create, FileAccess.Write, FileShare.Read);
        using CancellationTokenSource stop = new();
        Thread watchdog = new(() => Watch(stop.Token)) { IsBackground = true, Name = "fuzz-watchdog" };
        watchdog.Start();

        long inputs = 0;
        Stopwatch clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            byte[] input = mutator.Next();
            Execute(input, handle);
            inputs++;
        }

        clock.Stop();
        stop.Cancel();
        watchdog.Join();
        handle.Close();
        File.Delete(CurrentPath);
        double rate = inputs / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {target}: {inputs} inputs, {rate:F0} execs/s, {findings} findings"));
        return findings;
    }

    /// <summary>Runs saved inputs once each; returns the number of inputs that failed.</summary>
    public int Replay(string path)
    {
        if (Strict)
        {
            AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
        }

        string[] files = Directory.Exists(path)
            ? [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [path];
        int failed = 0;
        foreach (string file in files)
        {
            byte[] input = File.ReadAllBytes(file);
            long start = Stopwatch.GetTimestamp();
            string? failure = null;
            maskedInRun = null;
            inRun = true;
            try
            {
                run(input);
                failure = maskedInRun is { } masked ? "masked " + masked : null;
            }
            catch (Exception ex)
            {
                failure = Describe(ex);
                if (ShowStackOnReplay)
                {
                    // frames only: the message may echo input
                    output.WriteLine(new StackTrace(ex, false).ToString());
                }
            }

            inRun = false;
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            if (failure is null && elapsed > HangLimit)
            {
                failure = string.Create(CultureInfo.InvariantCulture, $"slow: {elapsed.TotalMilliseconds:F0} ms");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay {target} {Path.GetFileName(file)}: {failure ?? "ok"} ({elapsed.TotalMilliseconds:F1} ms)"));
            failed += failure is null ? 0 : 1;
        }

        output.WriteLine($"replay {target}: {files.Length} inputs, {failed} failed");
        return failed;
    }

    private void Execute(byte[] input, SafeFileHandle handle)
    {
        // Record first: if the process dies or hangs on this input, it is on disk.
        RandomAccess.SetLength(handle, input.Length);
        RandomAccess.Write(handle, input, 0);
        lock (gate)
        {
            current = input;
            currentStart = Stopwatch.GetTimestamp();
            currentGeneration++;
        }

        maskedInRun = null;
        inRun = true;
        try
        {
            run(input);
            if (maskedInRun is { } masked)
            {
                Record("masked", masked, input);
            }
        }
        catch (Exception ex)
        {
            Record("exception", Describe(ex), input);
        }
        finally
        {
            inRun = false;
            lock (gate)
            {
                current = null;
            }
        }
    }

    private void Watch(CancellationToken token)
    {
        TimeSpan hardLimit = HangLimit * 30;
        while (!token.WaitHandle.WaitOne(100))
        {
            byte[]? input;
            TimeSpan elapsed;
            long generation;
            lock (gate)
            {
                input = current;
                elapsed = Stopwatch.GetElapsedTime(currentStart);
                generation = currentGeneration;
            }

            if (input is null)
            {
                continue;
            }

            if (elapsed > HangLimit && reportedGeneration != generation)
            {
                reportedGeneration = generation;
                Record("hang", string.Create(CultureInfo.InvariantCulture, $"input ran longer than {HangLimit.TotalMilliseconds:F0} ms"), input);
            }

            if (elapsed > hardLimit)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {target}: input still running after {elapsed.TotalSeconds:F0} s, giving up; 1+ findings"));
                output.Flush();
                Environment.Exit(1);
            }
        }
    }

    private void Record(string kind, string description, byte[] input)
    {
        string signature = kind + " " + description;
        lock (signatures)
        {
            signatures.TryGetValue(signature, out int seen);
            signatures[signature] = seen + 1;
            if (seen >= MaxSavedPerSignature)
            {
                return;
            }

            string sigHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(signature)))[..8];
            string name = $"{kind}-{sigHash}-{Convert.ToHexStringLower(SHA256.HashData(input))[..12]}.bin";
            File.WriteAllBytes(Path.Combine(FindingsDirectory, name), input);
            if (seen == 0)
            {
                findings++;
                output.WriteLine($"FINDING {target} {kind}: {description} -> {name} ({input.Length} bytes)");
            }
        }
    }

    private void RecoverLeftover()
    {
        if (File.Exists(CurrentPath) && new FileInfo(CurrentPath).Length > 0)
        {
            byte[] input = File.ReadAllBytes(CurrentPath);
            string name = $"died-{Convert.ToHexStringLower(SHA256.HashData(input))[..12]}.bin";
            File.Move(CurrentPath, Path.Combine(FindingsDirectory, name), overwrite: true);
            output.WriteLine($"NOTE {target}: a previous run died on an input (stack overflow or kill) -> {name}; replay it");
        }
    }

    /// <summary>Exception type, top frame and first frame of our own code. Never the message (it may echo input).</summary>
    internal static string Describe(Exception ex)
    {
        StackFrame[] frames = new StackTrace(ex, false).GetFrames();
        string top = frames.Length > 0 ? Name(frames[0].GetMethod()) : "?";
        string? own = frames.Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("Kz.MicroCredit.Identity", StringComparison.Ordinal) == true
            && m.DeclaringType.Namespace != typeof(MutationFuzzer).Namespace) is { } m ? Name(m) : null;
        return own is null || own == top ? $"{ex.GetType().FullName} at {top}" : $"{ex.GetType().FullName} at {top} (in {own})";
    }

    private static string Name(MethodBase? method) =>
        method is null ? "?" : $"{method.DeclaringType?.FullName}.{method.Name}";
}

namespace Kz.MicroCredit.Identity.Cli;

/// <summary>Dispatches <c>kzid</c> commands; each command group lives in its own folder and registers here.</summary>
internal static class KzidApp
{
    /// <summary>Exit code: everything valid.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: something is invalid, untrusted or mismatched.</summary>
    public const int ExitInvalid = 1;

    /// <summary>Exit code: unusable input or arguments.</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs a command line and returns its exit code; never throws for bad input.</summary>
    /// <param name="args">Arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        if (args[0] is "--version" or "-V" && args.Length == 1)
        {
            await stdout.WriteLineAsync("kzid " + KzidHelp.Version).ConfigureAwait(false);
            return ExitOk;
        }

        if (args[0] == "help")
        {
            // "kzid help eds verify" is "kzid eds verify --help"; "kzid help" alone is the overview.
            if (args.Length == 1)
            {
                await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                return ExitOk;
            }

            args = [.. args[1..], "--help"];
        }

        string[] rest = args[1..];
        try
        {
            switch (args[0])
            {
                case "eds":
                    return await EdsCommands.RunAsync(rest, stdout, stderr, cancellationToken).ConfigureAwait(false);
                case "smartbridge":
                    return await SmartBridgeCommands.RunAsync(rest, stdout, stderr, cancellationToken).ConfigureAwait(false);
                case "fraud":
                    return await FraudClaimsCommands.RunAsync(rest, stdout, stderr, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A command line never crashes on bad input: an unexpected fault is exit 2 with its type name.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"kzid: internal error ({ex.GetType().Name}).").ConfigureAwait(false);
            return ExitUsage;
        }

        await stderr.WriteLineAsync($"kzid: unknown command '{args[0]}'.{Environment.NewLine}{Usage}").ConfigureAwait(false);
        return ExitUsage;
    }

    private const string Usage = KzidHelp.Overview;
}

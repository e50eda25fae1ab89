namespace Kz.MicroCredit.Identity.Cli;

/// <summary>The <c>kzid eds</c> command group.</summary>
internal static class EdsCommands
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        _ = args;
        _ = stdout;
        _ = cancellationToken;
        await stderr.WriteLineAsync("kzid eds: not available yet.").ConfigureAwait(false);
        return KzidApp.ExitUsage;
    }
}

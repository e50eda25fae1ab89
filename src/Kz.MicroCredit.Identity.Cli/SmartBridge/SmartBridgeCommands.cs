namespace Kz.MicroCredit.Identity.Cli;

/// <summary>The <c>kzid smartbridge</c> command group.</summary>
internal static class SmartBridgeCommands
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        _ = args;
        _ = stdout;
        _ = cancellationToken;
        await stderr.WriteLineAsync("kzid smartbridge: not available yet.").ConfigureAwait(false);
        return KzidApp.ExitUsage;
    }
}

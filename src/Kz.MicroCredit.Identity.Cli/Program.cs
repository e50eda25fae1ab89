namespace Kz.MicroCredit.Identity.Cli;

/// <summary>The <c>kzid</c> entry point.</summary>
internal static class Program
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">Arguments.</param>
    /// <returns>The exit code: 0 success, 1 invalid/untrusted/mismatched, 2 unusable input or arguments.</returns>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return await KzidApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
    }
}

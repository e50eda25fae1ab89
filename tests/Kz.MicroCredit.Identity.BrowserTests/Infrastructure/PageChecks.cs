using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.BrowserTests.Infrastructure;

/// <summary>What every page of a browser test goes through: an axe check and a screenshot kept as a test artefact.</summary>
public static class PageChecks
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>
    /// Gets the folder screenshots go to: <c>KZID_BROWSER_ARTEFACTS</c> when set, else <c>TestResults/screenshots</c>
    /// next to this test project.
    /// </summary>
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    /// <summary>Runs axe on the page and fails on any serious or critical violation, listing them.</summary>
    /// <param name="page">The page.</param>
    /// <param name="output">Where to report.</param>
    /// <returns>A task.</returns>
    public static async Task AssertAccessibleAsync(IPage page, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(output);
        AxeResult result = await page.RunAxe();
        AxeResultItem[] blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToArray();
        var report = new StringBuilder();
        foreach (AxeResultItem violation in blocking)
        {
            report.Append(violation.Impact).Append(' ').Append(violation.Id).Append(": ").Append(violation.Help).AppendLine();
            foreach (AxeResultNode node in violation.Nodes)
            {
                report.Append("    ").Append(node.Target).Append("  ").Append(node.Html).AppendLine();
            }
        }

        string all = string.Join(", ", result.Violations.Select(v => $"{v.Id} ({v.Impact})"));
        output.WriteLine($"axe {page.Url}: {result.Passes.Length} rule(s) passed; violations: {(all.Length == 0 ? "none" : all)}");
        Assert.True(blocking.Length == 0, $"axe found serious/critical violations on {page.Url}:\n{report}");
    }

    /// <summary>Saves a full-page screenshot as a test artefact and prints its path.</summary>
    /// <param name="page">The page.</param>
    /// <param name="name">The file name without extension.</param>
    /// <param name="output">Where to print the path.</param>
    /// <returns>The path.</returns>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(ScreenshotDirectory);
        string path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, "The screenshot is empty: " + path);
        output.WriteLine("screenshot: " + path);
        return path;
    }

    /// <summary>Checks the page (axe) and keeps a screenshot of it.</summary>
    /// <param name="page">The page.</param>
    /// <param name="name">The screenshot name.</param>
    /// <param name="output">Where to report.</param>
    /// <returns>A task.</returns>
    public static async Task CheckAsync(IPage page, string name, ITestOutputHelper output)
    {
        await AssertAccessibleAsync(page, output);
        await ScreenshotAsync(page, name, output);
    }

    private static string FindScreenshotDirectory()
    {
        if (Environment.GetEnvironmentVariable("KZID_BROWSER_ARTEFACTS") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kz.MicroCredit.Identity.BrowserTests.csproj")))
            {
                return Path.Combine(dir.FullName, "TestResults", "screenshots");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
    }
}

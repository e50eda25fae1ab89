using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

/// <summary>
/// The README's quick start, read from README.md, compiles as the Program.cs of a <c>dotnet new web</c> project, and
/// starts with the README's appsettings.json and the sandbox the README points to, answering over HTTP as it says.
/// </summary>
public sealed class ReadmeQuickStartTests
{
    // The implicit global usings of Microsoft.NET.Sdk.Web, which a `dotnet new web` project compiles with.
    private const string WebSdkGlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    [Fact]
    public void The_quick_start_Program_cs_compiles_against_the_built_packages()
    {
        string program = QuickStartProgram();

        EmitResult result = Compile(program, out _);

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        Assert.Contains("AddBorrowerIdentification(builder.Configuration.GetSection(\"Kzid\"))", program, StringComparison.Ordinal);
        Assert.Contains("IssueAsync", program, StringComparison.Ordinal);
        Assert.Contains("IdentifyAsync", program, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compiler_check_is_real_a_broken_quick_start_fails()
    {
        EmitResult result = Compile(QuickStartProgram().Replace("IssueAsync", "IssueChallengeAsync", StringComparison.Ordinal), out _);

        Assert.False(result.Success);
    }

    [Fact]
    public async Task The_quick_start_starts_and_a_borrower_is_identified_through_its_two_endpoints()
    {
        EmitResult compiled = Compile(QuickStartProgram(), out byte[] image);
        Assert.True(compiled.Success, string.Join(Environment.NewLine, compiled.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        DirectoryInfo contentRoot = Directory.CreateTempSubdirectory("kzid-quickstart-");
        try
        {
            // The project directory of the README: its appsettings.json, and `dotnet run` on a free loopback port.
            await File.WriteAllTextAsync(Path.Combine(contentRoot.FullName, "appsettings.json"), QuickStartBlock("json"));
            string[] args = ["--contentRoot", contentRoot.FullName, "--urls", "http://127.0.0.1:0", "--environment", "Production"];
            await using CompiledProgramHost app = await CompiledProgramHost.StartAsync(Assembly.Load(image), args, services =>
            {
                // "To try it without any service account … call AddKzidSandbox() after AddBorrowerIdentification".
                services.AddKzidSandbox();
                services.AddLogging(logging => logging.ClearProviders());
            });
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            KzidSandbox sandbox = app.Host.Services.GetRequiredService<KzidSandbox>();
            Iin iin = KzidSandbox.SampleBorrowerIin;

            // 1. The challenge, its text signed as NCALayer would with the borrower's (sandbox) key.
            using HttpResponseMessage issued = await http.PostAsJsonAsync("challenges", new { iin = iin.Value });
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            using JsonDocument challenge = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
            string text = challenge.RootElement.GetProperty("text").GetString()!;
            Assert.Contains(challenge.RootElement.GetProperty("id").GetString()!, text, StringComparison.Ordinal);
            byte[] cms = await new NcaCmsSigner(TimeProvider.System).SignAsync(sandbox.KeyFor(iin), Encoding.UTF8.GetBytes(text), detached: false);
            var identify = new
            {
                iin = iin.Value,
                phone = KzidSandbox.SampleBorrowerPhone.E164,
                loanId = "loan-readme-1",
                signedCms = Convert.ToBase64String(cms),
                faceJpeg = Convert.ToBase64String(SampleFaceImage.CreateJpeg(480, 640)),
                consentReference = "consent-readme-1",
            };

            // 2. Identification: Verified, with the evidence report as JSON.
            using HttpResponseMessage identified = await http.PostAsJsonAsync("identifications", identify);
            Assert.Equal(HttpStatusCode.OK, identified.StatusCode);
            using JsonDocument result = JsonDocument.Parse(await identified.Content.ReadAsStringAsync());
            Assert.True(result.RootElement.GetProperty("status").GetString() == "Verified", result.RootElement.ToString());
            Assert.Empty(result.RootElement.GetProperty("reasons").EnumerateArray());
            using JsonDocument report = JsonDocument.Parse(result.RootElement.GetProperty("report").GetString()!);
            Assert.Equal(JsonValueKind.Object, report.RootElement.ValueKind);
            Assert.Equal(1, sandbox.Ceid.MatchCalls);

            // 3. The same signed challenge again: single use, so never Verified twice.
            using HttpResponseMessage replayed = await http.PostAsJsonAsync("identifications", identify with { loanId = "loan-readme-2" });
            Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
            using JsonDocument replay = JsonDocument.Parse(await replayed.Content.ReadAsStringAsync());
            Assert.NotEqual("Verified", replay.RootElement.GetProperty("status").GetString());
            Assert.NotEmpty(replay.RootElement.GetProperty("reasons").EnumerateArray());
        }
        finally
        {
            contentRoot.Delete(recursive: true);
        }
    }

    internal static string QuickStartProgram() => QuickStartBlock("csharp");

    private static string QuickStartBlock(string language)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        int section = readme.IndexOf("\n## Quick start", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## Quick start' section.");
        int next = readme.IndexOf("\n## ", section + 4, StringComparison.Ordinal);
        string text = next < 0 ? readme[section..] : readme[section..next];
        Match block = Regex.Match(text, "```" + language + @"\r?\n(.*?)```", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(block.Success, $"The Quick start section has no ```{language} block.");
        return block.Groups[1].Value;
    }

    private static EmitResult Compile(string program, out byte[] image)
    {
        // The test host runs on the ASP.NET Core shared framework, so its trusted platform assemblies are exactly what a
        // web project references; the SDK's own assemblies are the ones this test project built.
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        IEnumerable<MetadataReference> references = platform
            .Append(typeof(BorrowerIdentificationBuilder).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "QuickStart",
            [CSharpSyntaxTree.ParseText(WebSdkGlobalUsings, parse), CSharpSyntaxTree.ParseText(program, parse, path: "Program.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        image = stream.ToArray();
        return result;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kz.MicroCredit.Identity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Kz.MicroCredit.Identity.sln not found above the test output.");
    }
}

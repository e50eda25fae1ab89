using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

/// <summary>The README's quick start, read from README.md, compiles as the Program.cs of a <c>dotnet new web</c> project.</summary>
public sealed partial class ReadmeQuickStartTests
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

    internal static string QuickStartProgram()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        int section = readme.IndexOf("\n## Quick start", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## Quick start' section.");
        int next = readme.IndexOf("\n## ", section + 4, StringComparison.Ordinal);
        string text = next < 0 ? readme[section..] : readme[section..next];
        Match block = CSharpBlock().Match(text);
        Assert.True(block.Success, "The Quick start section has no ```csharp block.");
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

    [GeneratedRegex(@"```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
